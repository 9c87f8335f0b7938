package io.leadquality.analytics;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;

import java.util.function.LongSupplier;

/**
 * Event time for the source-quality windows (SPEC section 11): the newest event_time seen less the
 * out-of-orderness allowed; once no event has arrived for {@code quietAfter}, it follows the clock
 * (now less {@code quietAfter}), so the last window of a quiet night closes and an idle instance never
 * holds the others' windows back. Events behind it are late: within the allowed lateness they revise
 * their window.
 */
public final class QuietClockWatermarks implements WatermarkGenerator<QualityObservation> {
    private final long outOfOrdernessMillis;
    private final long quietAfterMillis;
    private final LongSupplier clock;
    private long newestEventTime = Long.MIN_VALUE;
    private long lastEventAt;
    private long emitted = Long.MIN_VALUE;

    /** @param clock epoch millis: the wall clock in the job, a test's own in tests */
    public QuietClockWatermarks(long outOfOrdernessMillis, long quietAfterMillis, LongSupplier clock) {
        this.outOfOrdernessMillis = outOfOrdernessMillis;
        this.quietAfterMillis = quietAfterMillis;
        this.clock = clock;
        this.lastEventAt = clock.getAsLong();
    }

    @Override
    public void onEvent(QualityObservation event, long eventTimestamp, WatermarkOutput output) {
        newestEventTime = Math.max(newestEventTime, eventTimestamp);
        lastEventAt = clock.getAsLong();
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        long now = clock.getAsLong();
        long watermark = newestEventTime == Long.MIN_VALUE ? Long.MIN_VALUE : newestEventTime - outOfOrdernessMillis - 1;
        if (now - lastEventAt >= quietAfterMillis) {
            watermark = Math.max(watermark, now - quietAfterMillis);
        }
        if (watermark > emitted) { // never backwards
            emitted = watermark;
            output.emitWatermark(new Watermark(watermark));
        }
    }
}
