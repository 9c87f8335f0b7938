package io.leadquality.join;

import io.leadquality.compliance.CallingWindows;
import io.leadquality.compliance.ComplianceRules;
import io.leadquality.compliance.TerritoryPolicy;
import io.leadquality.model.EnrichedLead;
import io.leadquality.model.LeadEvent;
import io.leadquality.model.SuppressionUpdate;
import io.leadquality.suppression.SuppressionList;
import io.leadquality.workflow.LeadKey;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.CoBroadcastWithKeyedOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedBroadcastOperatorTestHarness;
import org.apache.flink.util.OutputTag;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The keyed join in Flink's broadcast operator harness, and its side outputs read back. */
final class JoinHarnesses {
    static final long T0 = 1_000_000L;
    static final Duration STATE_TTL = Duration.ofDays(30);
    static final Duration MAX_WAIT = Duration.ofSeconds(60);
    static final Duration REFRESH = Duration.ofMinutes(15);

    private JoinHarnesses() {}

    /** Not yet opened; the clock at {@link #T0}. */
    static KeyedBroadcastOperatorTestHarness<String, LeadEvent, SuppressionUpdate, EnrichedLead> newHarness() throws Exception {
        ComplianceRules rules = new ComplianceRules(TerritoryPolicy.parse(Map.of()), CallingWindows.parse(Map.of()));
        KeyedBroadcastOperatorTestHarness<String, LeadEvent, SuppressionUpdate, EnrichedLead> harness =
                new KeyedBroadcastOperatorTestHarness<>(new CoBroadcastWithKeyedOperator<>(
                        new LeadStateJoin(rules, STATE_TTL, MAX_WAIT, REFRESH, 50),
                        List.of(SuppressionList.ENTRIES, SuppressionList.STATUS)), new LeadKey(), Types.STRING, 1, 1, 0);
        harness.setProcessingTime(T0);
        harness.setStateTtlProcessingTime(T0);
        return harness;
    }

    static <X> List<X> sideOutput(KeyedBroadcastOperatorTestHarness<?, ?, ?, ?> harness, OutputTag<X> tag) {
        return harness.getSideOutput(tag) == null ? List.of()
                : harness.getSideOutput(tag).stream().map(StreamRecord::getValue).toList();
    }

    static void clearOutputs(KeyedBroadcastOperatorTestHarness<?, ?, ?, ?> harness) {
        harness.getOutput().clear();
        for (OutputTag<?> tag : List.of(LeadStateJoin.STATUS_CHANGES, LeadStateJoin.ALERTS, LeadStateJoin.REFRESH_REQUESTS)) {
            if (harness.getSideOutput(tag) != null) {
                harness.getSideOutput(tag).clear();
            }
        }
    }
}
