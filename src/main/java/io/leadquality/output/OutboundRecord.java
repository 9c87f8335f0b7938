package io.leadquality.output;

/** One record for an output topic, already serialised. Flink POJO. */
public class OutboundRecord {
    public String topic;
    public String key;
    public byte[] value;
    /** When the job produced the record (epoch millis): the Kafka record's timestamp, not the input's. */
    public long producedAt;

    public OutboundRecord() {}

    public OutboundRecord(String topic, String key, byte[] value, long producedAt) {
        this.topic = topic;
        this.key = key;
        this.value = value;
        this.producedAt = producedAt;
    }
}
