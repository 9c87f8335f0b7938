package io.leadquality.model;

/** A lead whose Sela state is due to be fetched again (SPEC section 7). Flink POJO. */
public class RefreshRequest {
    public String externalId;
    public Long selaId;
    /** Epoch millis. */
    public long requestedAt;

    public RefreshRequest() {}

    public RefreshRequest(String externalId, Long selaId, long requestedAt) {
        this.externalId = externalId;
        this.selaId = selaId;
        this.requestedAt = requestedAt;
    }
}
