package io.leadquality.sela;

/** What the client reports; a Flink metric group in the job, nothing in plain tests. */
public interface SelaClientMetrics {
    SelaClientMetrics NONE = new SelaClientMetrics() {};

    default void requestSent() {}

    default void retried() {}

    default void merged() {}

    /** A lead fetched by Sela id carried another external_id than the event's. */
    default void someoneElse() {}

    default void latency(long millis) {}
}
