package io.leadquality.sela;

import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Histogram;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.metrics.DescriptiveStatisticsHistogram;

/** Client figures as Flink metrics under the {@code sela} group. */
final class FlinkSelaClientMetrics implements SelaClientMetrics {
    private final Counter requests;
    private final Counter retries;
    private final Counter merged;
    private final Counter someoneElse;
    private final Histogram latency;

    FlinkSelaClientMetrics(MetricGroup group) {
        requests = group.counter("requests");
        retries = group.counter("retries");
        merged = group.counter("lookupsMerged");
        someoneElse = group.counter("idLookupsOfAnotherLead");
        latency = group.histogram("latencyMs", new DescriptiveStatisticsHistogram(1000));
    }

    @Override
    public void requestSent() {
        requests.inc();
    }

    @Override
    public void retried() {
        retries.inc();
    }

    @Override
    public void merged() {
        merged.inc();
    }

    @Override
    public void someoneElse() {
        someoneElse.inc();
    }

    @Override
    public void latency(long millis) {
        latency.update(millis);
    }
}
