package io.leadquality.analytics;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichFlatMapFunction;
import org.apache.flink.metrics.Counter;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;

/**
 * Enriched records whose window had closed more than {@code analytics.allowed-lateness} before they
 * arrived (a provider's event_time days old): Flink's windows drop them, so they are counted
 * ({@code sourceQuality.eventsTooLate}) and reported in the log, at most once a minute, rather than lost
 * without a word. Their enriched records, alerts and status changes are unaffected.
 */
public class TooLateCounter extends RichFlatMapFunction<QualityObservation, Void> {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(TooLateCounter.class);
    private static final long WARN_EVERY_MS = 60_000;

    private transient Counter tooLate;
    private transient long warnedAt;
    private transient long sinceWarning;

    @Override
    public void open(OpenContext openContext) {
        tooLate = getRuntimeContext().getMetricGroup().addGroup("sourceQuality").counter("eventsTooLate");
        warnedAt = Long.MIN_VALUE;
    }

    @Override
    public void flatMap(QualityObservation seen, Collector<Void> out) {
        tooLate.inc();
        sinceWarning++;
        long now = System.currentTimeMillis();
        if (warnedAt == Long.MIN_VALUE || now - warnedAt >= WARN_EVERY_MS) {
            LOG.warn("{} enriched record(s) came after their source-quality window's allowed lateness and are not in the"
                    + " feed; the latest: external_id {} of {} with event_time {}", sinceWarning, seen.externalId,
                    seen.sourceKey(), Instant.ofEpochMilli(seen.eventTime));
            warnedAt = now;
            sinceWarning = 0;
        }
    }
}
