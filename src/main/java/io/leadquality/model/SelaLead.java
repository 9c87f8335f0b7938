package io.leadquality.model;

/**
 * A Sela lead as fetched: the fields the rules read, plus the JSON as Sela sent it. Times are
 * epoch microseconds (Sela writes microseconds), null where absent or unparseable. Flink POJO.
 */
public class SelaLead {
    public Long id;
    public String externalId;
    public String email;
    public String phoneNumber;
    public String status;
    public String statusDetail;
    public String statusReason;
    public String usState;
    public String leadType;
    public String leadSource;
    public Boolean callDnc;
    public Boolean smsDnc;
    public Long modifiedMicros;
    public Long nextCallMicros;
    /** The lead object exactly as Sela returned it. */
    public String json;

    public SelaLead() {}
}
