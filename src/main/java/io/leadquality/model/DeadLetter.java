package io.leadquality.model;

/** An input record the job cannot use, with the reason. Flink POJO. */
public class DeadLetter {
    public DeadLetterCode errorCode;
    public String error;
    public String topic;
    public int partition;
    public long offset;
    public byte[] raw;
    /** Epoch millis. */
    public long receivedAt;

    public DeadLetter() {}

    public static DeadLetter of(RawRecord record, DeadLetterCode code, String error, long receivedAt) {
        DeadLetter letter = new DeadLetter();
        letter.errorCode = code;
        letter.error = error;
        letter.topic = record.topic;
        letter.partition = record.partition;
        letter.offset = record.offset;
        letter.raw = record.value;
        letter.receivedAt = receivedAt;
        return letter;
    }
}
