package io.leadquality.analytics;

import io.leadquality.model.Flag;
import org.apache.flink.api.common.ExecutionConfig;
import org.apache.flink.api.common.eventtime.Watermark;
import org.apache.flink.api.common.eventtime.WatermarkOutput;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.api.java.typeutils.runtime.PojoSerializer;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;
import org.apache.flink.streaming.api.windowing.triggers.EventTimeTrigger;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.streaming.runtime.operators.windowing.WindowOperatorBuilder;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.runtime.tasks.OneInputStreamTask;
import org.apache.flink.streaming.runtime.tasks.StreamTaskMailboxTestHarness;
import org.apache.flink.streaming.runtime.tasks.StreamTaskMailboxTestHarnessBuilder;
import org.apache.flink.streaming.runtime.watermarkstatus.WatermarkStatus;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The source-quality windows (SPEC section 11): the job's two steps (per lead, then per source) in
 * Flink's window operator, with watermarks set by the test.
 */
class SourceQualityWindowTest {
    private static final long TEN = Instant.parse("2026-12-03T10:00:00Z").toEpochMilli();
    private static final long MINUTE = 60_000;
    private static final long HOUR = 60 * MINUTE;

    @Test
    void aWindowIsWrittenWhenEventTimePassesItsEndWithTheCountsOfItsLeads() throws Exception {
        try (TwoStepFeed harness = new TwoStepFeed()) {
            harness.processElement(seen("SunLeads", "12", "a", TEN + 5 * MINUTE, Flag.CALL_DNC));
            harness.processElement(seen("SunLeads", "12", "a", TEN + 20 * MINUTE, Flag.NOT_IN_SELA));
            harness.processElement(seen("SunLeads", "12", "b", TEN + 55 * MINUTE));
            QualityObservation lookupFailed = seen("SunLeads", "12", "c", TEN + 59 * MINUTE, Flag.SELA_STATE_UNKNOWN).getValue();
            lookupFailed.lookupFailed = true;
            harness.processElement(new StreamRecord<>(lookupFailed, lookupFailed.eventTime));
            harness.processElement(seen("SunLeads", "12", "d", TEN + 61 * MINUTE)); // the next hour
            harness.processElement(seen("RefiQuotes", "34", "e", TEN + 30 * MINUTE, Flag.CALL_DNC));
            assertThat(harness.extractOutputValues()).as("nothing before the window closes").isEmpty();

            harness.processWatermark(TEN + HOUR - 1);
            List<SourceQuality> closed = harness.extractOutputValues();
            assertThat(closed).extracting(SourceQuality::key)
                    .containsExactlyInAnyOrder("SunLeads|12|" + TEN, "RefiQuotes|34|" + TEN);
            SourceQuality sun = closed.stream().filter(q -> q.leadSource.equals("SunLeads")).findFirst().orElseThrow();
            assertThat(sun.windowEnd).isEqualTo(TEN + HOUR);
            assertThat(sun.events).isEqualTo(4);
            assertThat(sun.leads).isEqualTo(3);
            assertThat(sun.duplicates).as("a sent twice").isEqualTo(1);
            assertThat(sun.flaggedNames).containsExactly("CALL_DNC", "NOT_IN_SELA", "SELA_STATE_UNKNOWN");
            assertThat(sun.flaggedCounts).containsExactly(1, 1, 1);
            assertThat(sun.notInSela).isEqualTo(1);
            assertThat(sun.lookupsFailed).isEqualTo(1);
            assertThat(sun.revision).isZero();

            harness.processWatermark(TEN + 2 * HOUR - 1);
            assertThat(harness.extractOutputValues()).extracting(SourceQuality::key).hasSize(3)
                    .contains("SunLeads|12|" + (TEN + HOUR));
        }
    }

    @Test
    void lateEventsWithinTheLatenessReviseTheWindowAndLaterOnesAreDropped() throws Exception {
        try (TwoStepFeed harness = new TwoStepFeed()) {
            harness.processElement(seen("SunLeads", "12", "a", TEN + 5 * MINUTE));
            harness.processWatermark(TEN + 3 * HOUR);
            harness.processElement(seen("SunLeads", "12", "b", TEN + 10 * MINUTE, Flag.BAD_NUMBER));
            harness.processElement(seen("SunLeads", "12", "a", TEN + 15 * MINUTE));
            List<SourceQuality> revisions = harness.extractOutputValues();
            assertThat(revisions).extracting(q -> q.revision + ":" + q.events + ":" + q.leads)
                    .containsExactly("0:1:1", "1:2:2", "2:3:2");
            assertThat(revisions).extracting(SourceQuality::key).containsOnly("SunLeads|12|" + TEN);
            assertThat(revisions.get(1).flaggedNames).containsExactly("BAD_NUMBER");

            harness.processWatermark(TEN + HOUR + Duration.ofDays(1).toMillis()); // past the lateness: the window is gone
            harness.processElement(seen("SunLeads", "12", "c", TEN + 20 * MINUTE));
            assertThat(harness.extractOutputValues()).hasSize(3);
            assertThat(harness.tooLate()).as("counted, not lost without a word")
                    .extracting(r -> r.getValue().externalId).containsExactly("c");
        }
    }

    @Test
    void aQuietInputClosesTheNewestWindowByTheClockAndGoesNoFurther() {
        AtomicLong now = new AtomicLong(TEN + 50 * MINUTE);
        QuietClockWatermarks watermarks = new QuietClockWatermarks(30_000, 30_000, HOUR, now::get);
        List<String> emitted = new ArrayList<>();
        WatermarkOutput output = new WatermarkOutput() {
            @Override
            public void emitWatermark(Watermark watermark) {
                emitted.add(String.valueOf(watermark.getTimestamp()));
            }

            @Override
            public void markIdle() {
                emitted.add("idle");
            }

            @Override
            public void markActive() {}
        };
        watermarks.onPeriodicEmit(output);
        assertThat(emitted).as("no event yet: idle, holding no other instance back").containsExactly("idle");

        emitted.clear();
        watermarks.onEvent(null, TEN + 40 * MINUTE, output);
        now.addAndGet(1_000);
        watermarks.onPeriodicEmit(output);
        assertThat(emitted).containsExactly(String.valueOf(TEN + 40 * MINUTE - 30_000 - 1));

        now.set(TEN + HOUR + 20_000); // quiet: event time follows the clock, 30 s behind it
        watermarks.onPeriodicEmit(output);
        assertThat(emitted).last().isEqualTo(String.valueOf(TEN + HOUR - 10_000));
        now.set(TEN + HOUR + 31_000); // the 10:00 window closes within a minute of its end, with no more input
        watermarks.onPeriodicEmit(output);
        assertThat(emitted).last().isEqualTo(String.valueOf(TEN + HOUR - 1));
        now.set(TEN + 5 * HOUR); // and goes no further: a backlog replayed later is not all late
        watermarks.onPeriodicEmit(output);
        assertThat(emitted).last().isEqualTo(String.valueOf(TEN + HOUR - 1));

        watermarks.onEvent(null, TEN + 30 * MINUTE, output); // an older event: event time never goes back
        watermarks.onPeriodicEmit(output);
        assertThat(emitted).last().isEqualTo(String.valueOf(TEN + HOUR - 1));
    }

    /**
     * Idle partitions: the first step's task with input from two upstream instances, one of which has
     * seen no event. Its {@code IDLE} (what {@link QuietClockWatermarks} says before any event) lets the
     * other's watermark alone close the window; without it the window waits.
     */
    @Test
    void anUpstreamInstanceThatHasSeenNoEventHoldsNoWindowBack() throws Exception {
        assertThat(closedWithTwoUpstreamInstances(true)).extracting(QualityChange::sourceKey).containsExactly("SunLeads|12");
        assertThat(closedWithTwoUpstreamInstances(false)).as("held back by the silent instance").isEmpty();
    }

    private static List<QualityChange> closedWithTwoUpstreamInstances(boolean silentOneIdle) throws Exception {
        KeySelector<QualityObservation, String> key = QualityObservation::leadKey;
        try (StreamTaskMailboxTestHarness<QualityChange> task = new StreamTaskMailboxTestHarnessBuilder<>(
                OneInputStreamTask::new, TypeInformation.of(QualityChange.class))
                .addInput(TypeInformation.of(QualityObservation.class), 2, key)
                .setKeyType(Types.STRING)
                .setupOutputForSingletonOperatorChain(perLead())
                .build()) {
            if (silentOneIdle) {
                task.processElement(WatermarkStatus.IDLE, 0, 1);
            }
            task.processElement(seen("SunLeads", "12", "a", TEN + 5 * MINUTE), 0, 0);
            task.processElement(new org.apache.flink.streaming.api.watermark.Watermark(TEN + HOUR - 1), 0, 0);
            task.processAll();
            List<QualityChange> closed = new ArrayList<>();
            for (Object out : task.getOutput()) {
                if (out instanceof StreamRecord<?> record) {
                    closed.add((QualityChange) record.getValue());
                }
            }
            return closed;
        }
    }

    @Test
    void theWindowsStateIsSerialisedWithoutKryo() {
        assertThat(SourceQualityCounts.TYPE.createSerializer(new SerializerConfigImpl())).isInstanceOf(PojoSerializer.class);
    }

    /** The job's first step: per lead, an hour, a day's lateness, too-late records to the side output. */
    private static OneInputStreamOperator<QualityObservation, QualityChange> perLead() {
        WindowOperatorBuilder<QualityObservation, String, TimeWindow> builder = new WindowOperatorBuilder<>(
                TumblingEventTimeWindows.of(Duration.ofHours(1)), EventTimeTrigger.create(), new ExecutionConfig(),
                TypeInformation.of(QualityObservation.class), QualityObservation::leadKey, Types.STRING);
        builder.allowedLateness(Duration.ofDays(1));
        builder.sideOutputLateData(LeadWindowChange.TOO_LATE);
        return builder.aggregate(new LeadInWindowAggregate(), new LeadWindowChange(), TypeInformation.of(LeadInWindow.class));
    }

    /** The second step: per source and type, the same windows. */
    private static OneInputStreamOperator<QualityChange, SourceQuality> perSource() {
        WindowOperatorBuilder<QualityChange, String, TimeWindow> builder = new WindowOperatorBuilder<>(
                TumblingEventTimeWindows.of(Duration.ofHours(1)), EventTimeTrigger.create(), new ExecutionConfig(),
                TypeInformation.of(QualityChange.class), QualityChange::sourceKey, Types.STRING);
        builder.allowedLateness(Duration.ofDays(1));
        return builder.aggregate(new SourceQualityAggregate(), new SourceQualityWindow(), SourceQualityCounts.TYPE);
    }

    /** The two steps in harnesses, the first's output handed to the second as the job's shuffle would, watermarks after. */
    private static final class TwoStepFeed implements AutoCloseable {
        private final KeyedOneInputStreamOperatorTestHarness<String, QualityObservation, QualityChange> leads =
                new KeyedOneInputStreamOperatorTestHarness<>(perLead(), QualityObservation::leadKey, Types.STRING);
        private final KeyedOneInputStreamOperatorTestHarness<String, QualityChange, SourceQuality> sources =
                new KeyedOneInputStreamOperatorTestHarness<>(perSource(), QualityChange::sourceKey, Types.STRING);

        TwoStepFeed() throws Exception {
            leads.open();
            sources.open();
        }

        void processElement(StreamRecord<QualityObservation> seen) throws Exception {
            leads.processElement(seen);
            handOn();
        }

        void processWatermark(long watermark) throws Exception {
            leads.processWatermark(watermark);
            handOn();
            sources.processWatermark(watermark);
        }

        List<SourceQuality> extractOutputValues() {
            return sources.extractOutputValues();
        }

        java.util.Collection<StreamRecord<QualityObservation>> tooLate() {
            return leads.getSideOutput(LeadWindowChange.TOO_LATE);
        }

        @SuppressWarnings("unchecked")
        private void handOn() throws Exception {
            for (Object out; (out = leads.getOutput().poll()) != null; ) {
                if (out instanceof StreamRecord<?> change) {
                    sources.processElement((StreamRecord<QualityChange>) change);
                }
            }
        }

        @Override
        public void close() throws Exception {
            leads.close();
            sources.close();
        }
    }

    private static StreamRecord<QualityObservation> seen(String source, String type, String lead, long at, Flag... flags) {
        QualityObservation seen = new QualityObservation();
        seen.leadSource = source;
        seen.leadType = type;
        seen.externalId = lead;
        seen.eventTime = at;
        for (Flag flag : flags) {
            seen.flags |= 1 << flag.ordinal();
        }
        return new StreamRecord<>(seen, at);
    }
}
