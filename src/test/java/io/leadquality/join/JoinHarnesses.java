package io.leadquality.join;

import io.leadquality.compliance.CallingWindows;
import io.leadquality.compliance.ComplianceRules;
import io.leadquality.compliance.TerritoryPolicy;
import io.leadquality.model.CarriedMark;
import io.leadquality.model.ContactVerdict;
import io.leadquality.model.EnrichedLead;
import io.leadquality.model.LeadEvent;
import io.leadquality.model.SuppressionAction;
import io.leadquality.model.SuppressionUpdate;
import io.leadquality.workflow.LeadKey;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.apache.flink.util.OutputTag;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The keyed join in Flink's keyed operator harness, its side outputs read back, and what contact stages send it. */
final class JoinHarnesses {
    static final long T0 = 1_000_000L;
    static final Duration STATE_TTL = Duration.ofDays(30);
    static final Duration MAX_WAIT = Duration.ofSeconds(60);
    static final Duration REFRESH = Duration.ofMinutes(15);

    private JoinHarnesses() {}

    /** Not yet opened; the clock at {@link #T0}. */
    static KeyedOneInputStreamOperatorTestHarness<String, LeadEvent, EnrichedLead> newHarness() throws Exception {
        return newHarness(new ComplianceRules(TerritoryPolicy.parse(Map.of()), CallingWindows.parse(Map.of())));
    }

    /** Judging by {@code rules}; not yet opened, the clock at {@link #T0}. */
    static KeyedOneInputStreamOperatorTestHarness<String, LeadEvent, EnrichedLead> newHarness(ComplianceRules rules)
            throws Exception {
        KeyedOneInputStreamOperatorTestHarness<String, LeadEvent, EnrichedLead> harness =
                new KeyedOneInputStreamOperatorTestHarness<>(new LeadStateJoinOperator(
                        new LeadStateJoin(rules, STATE_TTL, MAX_WAIT, REFRESH, 50)), new LeadKey(), Types.STRING);
        harness.setProcessingTime(T0);
        harness.setStateTtlProcessingTime(T0);
        return harness;
    }

    /** A contact stage's verdict to lead {@code key}, sent when what its phone or e-mail says changed. */
    static LeadEvent contactUpdate(String key, ContactVerdict verdict) {
        LeadEvent update = new LeadEvent();
        update.key = key;
        update.externalId = key;
        update.topic = "leads.incoming";
        update.offset = 42;
        update.contactUpdate = true;
        if (verdict.identity.startsWith("email:")) {
            update.emailVerdict = verdict;
        } else {
            update.phoneVerdict = verdict;
        }
        return update;
    }

    static ContactVerdict verdict(String identity, long version, CarriedMark doNotCall) {
        ContactVerdict verdict = new ContactVerdict();
        verdict.identity = identity;
        verdict.version = version;
        verdict.doNotCallBy = doNotCall;
        return verdict;
    }

    /** A verdict that the suppression list names {@code identity} (an ADD at {@code offset}), or not ({@code reason} null: none). */
    static ContactVerdict listedVerdict(String identity, long version, String reason, long offset) {
        ContactVerdict verdict = verdict(identity, version, null);
        SuppressionUpdate entry = new SuppressionUpdate();
        entry.action = SuppressionAction.ADD;
        entry.identity = identity;
        entry.reason = reason;
        entry.topic = "leads.suppressions";
        entry.offset = offset;
        verdict.listed = entry;
        return verdict;
    }

    static <X> List<X> sideOutput(KeyedOneInputStreamOperatorTestHarness<?, ?, ?> harness, OutputTag<X> tag) {
        return harness.getSideOutput(tag) == null ? List.of()
                : harness.getSideOutput(tag).stream().map(StreamRecord::getValue).toList();
    }

    static void clearOutputs(KeyedOneInputStreamOperatorTestHarness<?, ?, ?> harness) {
        harness.getOutput().clear();
        for (OutputTag<?> tag : List.of(LeadStateJoin.STATUS_CHANGES, LeadStateJoin.ALERTS, LeadStateJoin.REFRESH_REQUESTS)) {
            if (harness.getSideOutput(tag) != null) {
                harness.getSideOutput(tag).clear();
            }
        }
    }
}
