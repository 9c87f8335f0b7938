package io.leadquality.output;

/** One record for an output topic, already serialised. Flink POJO. */
public class OutboundRecord {
    public String topic;
    public String key;
    public byte[] value;

    public OutboundRecord() {}

    public OutboundRecord(String topic, String key, byte[] value) {
        this.topic = topic;
        this.key = key;
        this.value = value;
    }
}
