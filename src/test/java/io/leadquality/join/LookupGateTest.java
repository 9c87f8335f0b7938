package io.leadquality.join;

import io.leadquality.model.LeadEvent;
import io.leadquality.workflow.LeadKey;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import static io.leadquality.testkit.LeadEvents.event;
import static org.assertj.core.api.Assertions.assertThat;

class LookupGateTest {
    private static final long T0 = 5_000_000L;

    @Test
    void oneLookupPerKeyWithinTheTtlTheRestServedFromState() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, LeadEvent, LeadEvent> harness = harness(Duration.ofMinutes(1))) {
            harness.setProcessingTime(T0);
            harness.setStateTtlProcessingTime(T0);
            harness.processElement(event("a"), T0);
            harness.processElement(event("a"), T0);
            harness.processElement(event("b"), T0);
            harness.setProcessingTime(T0 + 59_000);
            harness.setStateTtlProcessingTime(T0 + 59_000);
            harness.processElement(event("a"), T0);

            long first = T0 * 1000;
            assertThat(harness.extractOutputValues()).extracting(e -> e.key + "@" + e.lookupSeq)
                    .containsExactly("a@" + first, "b@" + (first + 2));
            assertThat(cached(harness)).extracting(e -> e.key + "@" + e.lookupSeq)
                    .containsExactly("a@" + first, "a@" + first);
            assertThat(cached(harness)).extracting(e -> e.seq).as("each event has its own place")
                    .containsExactly(first + 1, (T0 + 59_000) * 1000);

            harness.setProcessingTime(T0 + 60_000);
            harness.setStateTtlProcessingTime(T0 + 60_000);
            harness.processElement(event("a"), T0);
            assertThat(harness.extractOutputValues()).extracting(e -> e.key + "@" + e.lookupSeq)
                    .endsWith("a@" + (T0 + 60_000) * 1000);
        }
    }

    @Test
    void stampsGrowWithinOneMillisecond() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, LeadEvent, LeadEvent> harness = harness(Duration.ZERO)) {
            harness.setProcessingTime(T0);
            harness.processElement(event("a"), T0);
            harness.processElement(event("a"), T0);
            assertThat(harness.extractOutputValues()).extracting(e -> e.seq + "/" + e.lookupSeq)
                    .containsExactly(T0 * 1000 + "/" + T0 * 1000, (T0 * 1000 + 1) + "/" + (T0 * 1000 + 1));
        }
    }

    @Test
    void aZeroTtlLooksUpEveryEventAndKeepsNoState() throws Exception {
        try (KeyedOneInputStreamOperatorTestHarness<String, LeadEvent, LeadEvent> harness = harness(Duration.ZERO)) {
            harness.setProcessingTime(T0);
            harness.processElement(event("a"), T0);
            harness.processElement(event("a"), T0);
            assertThat(harness.extractOutputValues()).hasSize(2);
            assertThat(harness.numKeyedStateEntries()).isZero();
        }
    }

    private static KeyedOneInputStreamOperatorTestHarness<String, LeadEvent, LeadEvent> harness(Duration ttl) throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, LeadEvent, LeadEvent> harness = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new LookupGate(ttl)), new LeadKey(), Types.STRING);
        harness.open();
        return harness;
    }

    private static List<LeadEvent> cached(KeyedOneInputStreamOperatorTestHarness<String, LeadEvent, LeadEvent> harness) {
        return harness.getSideOutput(LookupGate.CACHED).stream().map(StreamRecord::getValue).collect(Collectors.toList());
    }
}
