package io.leadquality.analytics;

import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkGenerator;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Event time for the source-quality windows (SPEC section 11): the newest event_time seen less the
 * out-of-orderness allowed. Once no event has arrived for {@code quietAfter}, the window of the newest
 * event closes as the clock passes its end, so the last hour of a quiet night is reported within a
 * minute; it goes no further than that window's end, so a backlog replayed after a quiet spell (old
 * event times) is not all late. An instance that has seen no event is idle and holds no other back.
 * Events behind it are late: within the allowed lateness they revise their window.
 */
public final class QuietClockWatermarks implements WatermarkGenerator<QualityObservation> {
    /** How far behind the newest event_time events may arrive before they count as late. */
    static final long OUT_OF_ORDERNESS_MILLIS = 30_000;
    /** How long without events before the newest event's window closes by the clock. */
    static final long QUIET_AFTER_MILLIS = 30_000;

    private final long outOfOrdernessMillis;
    private final long quietAfterMillis;
    private final long windowMillis;
    private final LongSupplier clock;
    private long newestEventTime = Long.MIN_VALUE;
    private long lastEventAt;
    private long emitted = Long.MIN_VALUE;

    /** @param clock epoch millis: the wall clock in the job, a test's own in tests */
    public QuietClockWatermarks(long outOfOrdernessMillis, long quietAfterMillis, long windowMillis, LongSupplier clock) {
        this.outOfOrdernessMillis = outOfOrdernessMillis;
        this.quietAfterMillis = quietAfterMillis;
        this.windowMillis = windowMillis;
        this.clock = clock;
    }

    /** By each observation's event_time, for tumbling windows of {@code window}. */
    public static WatermarkStrategy<QualityObservation> strategy(Duration window) {
        long windowMillis = window.toMillis();
        return WatermarkStrategy.<QualityObservation>forGenerator(context -> new QuietClockWatermarks(
                        OUT_OF_ORDERNESS_MILLIS, QUIET_AFTER_MILLIS, windowMillis, System::currentTimeMillis))
                .withTimestampAssigner((seen, recordTimestamp) -> seen.eventTime);
    }

    @Override
    public void onEvent(QualityObservation event, long eventTimestamp, WatermarkOutput output) {
        newestEventTime = Math.max(newestEventTime, eventTimestamp);
        lastEventAt = clock.getAsLong();
    }

    @Override
    public void onPeriodicEmit(WatermarkOutput output) {
        if (newestEventTime == Long.MIN_VALUE) {
            output.markIdle();
            return;
        }
        long now = clock.getAsLong();
        long watermark = newestEventTime - outOfOrdernessMillis - 1;
        if (now - lastEventAt >= quietAfterMillis) {
            long newestWindowEnd = TimeWindow.getWindowStartWithOffset(newestEventTime, 0, windowMillis) + windowMillis;
            watermark = Math.max(watermark, Math.min(now - quietAfterMillis, newestWindowEnd - 1));
        }
        if (watermark > emitted) { // never backwards
            emitted = watermark;
            output.emitWatermark(new Watermark(watermark));
        }
    }
}
