package io.leadquality.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** What a format parser read from a payload, before normalisation. */
final class RawLead {
    String externalId;
    Long selaId;
    String phone;
    String email;
    String usState;
    String leadType;
    String leadSource;
    String firstName;
    String lastName;
    String eventTime;
    ObjectNode metadata;
}
