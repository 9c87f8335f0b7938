package io.leadquality.sela;

/** What the client reports; a Flink metric group in the job, nothing in plain tests. */
public interface SelaClientMetrics {
    SelaClientMetrics NONE = new SelaClientMetrics() {};

    default void requestSent() {}

    default void retried() {}

    default void merged() {}

    default void latency(long millis) {}
}
