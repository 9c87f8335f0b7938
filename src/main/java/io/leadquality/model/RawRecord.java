package io.leadquality.model;

/** One Kafka input record as it arrived: the bytes and where they came from. Flink POJO. */
public class RawRecord {
    public String topic;
    public int partition;
    public long offset;
    /** Kafka record timestamp, epoch millis. */
    public long timestamp;
    public byte[] value;
    /** The record key, kept only where it means something (suppression-list tombstones); else null. */
    public byte[] key;
    /** On the webhook topic: the trigger the receiver was called for, and when (epoch millis); else null and 0. */
    public String selaTrigger;
    public long receivedAt;

    public RawRecord() {}

    public RawRecord(String topic, int partition, long offset, long timestamp, byte[] value) {
        this.topic = topic;
        this.partition = partition;
        this.offset = offset;
        this.timestamp = timestamp;
        this.value = value;
    }
}
