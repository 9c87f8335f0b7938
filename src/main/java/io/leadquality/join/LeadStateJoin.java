package io.leadquality.join;

import io.leadquality.compliance.ComplianceRules;
import io.leadquality.compliance.LeadLocation;
import io.leadquality.model.AlertState;
import io.leadquality.model.ComplianceAlert;
import io.leadquality.model.EnrichedLead;
import io.leadquality.model.Flag;
import io.leadquality.model.LeadEvent;
import io.leadquality.model.LookupOutcome;
import io.leadquality.model.RefreshRequest;
import io.leadquality.model.SelaLead;
import io.leadquality.model.SelaLookup;
import io.leadquality.model.StatusChange;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Joins each event with what is known of its lead (keyed by external_id): keeps the newest Sela
 * snapshot, reports changed Sela fields, evaluates the flags, and raises or clears alerts on
 * transitions only. Events answered from the cache wait here until the lookup they ride on has
 * arrived, so they never see an older snapshot than that lookup.
 */
public class LeadStateJoin extends KeyedProcessFunction<String, LeadEvent, EnrichedLead> {
    private static final long serialVersionUID = 1L;
    public static final OutputTag<ComplianceAlert> ALERTS = new OutputTag<>("alerts") {};
    public static final OutputTag<StatusChange> STATUS_CHANGES = new OutputTag<>("status-changes") {};
    public static final OutputTag<RefreshRequest> REFRESH_REQUESTS = new OutputTag<>("refresh-requests") {};
    /** Sela statuses after which a lead is not refreshed any more (SPEC section 7). */
    static final Set<String> FINAL_STATUSES = Set.of("CLOSED", "LOST", "CANCELLED", "BAD_NUMBER", "OUT_OF_TERRITORY");

    private final ComplianceRules rules;
    private final Duration stateTtl;
    /** How long an event may wait for its lookup before it is answered with what is known. */
    private final Duration maxWait;
    /** Zero turns refresh off. */
    private final Duration refreshInterval;

    private transient ValueState<LeadState> state;
    private transient ListState<LeadEvent> waiting;
    private transient Map<Flag, Counter> raised;
    private transient Map<Flag, Counter> cleared;
    private transient Counter statusChanges;
    private transient Counter staleResponses;
    private transient Counter refreshesRequested;

    public LeadStateJoin(ComplianceRules rules, Duration stateTtl, Duration maxWait, Duration refreshInterval) {
        this.rules = rules;
        this.stateTtl = stateTtl;
        this.maxWait = maxWait;
        this.refreshInterval = refreshInterval;
    }

    @Override
    public void open(OpenContext openContext) {
        StateTtlConfig ttl = StateTtlConfig.newBuilder(stateTtl)
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .build();
        ValueStateDescriptor<LeadState> stateDescriptor = new ValueStateDescriptor<>("lead", LeadState.class);
        stateDescriptor.enableTimeToLive(ttl);
        state = getRuntimeContext().getState(stateDescriptor);
        ListStateDescriptor<LeadEvent> waitingDescriptor = new ListStateDescriptor<>("waiting-for-lookup", LeadEvent.class);
        waitingDescriptor.enableTimeToLive(ttl);
        waiting = getRuntimeContext().getListState(waitingDescriptor);

        MetricGroup metrics = getRuntimeContext().getMetricGroup();
        raised = new EnumMap<>(Flag.class);
        cleared = new EnumMap<>(Flag.class);
        for (Flag flag : Flag.values()) {
            MetricGroup flagGroup = metrics.addGroup("flag", flag.name());
            raised.put(flag, flagGroup.counter("alertsRaised"));
            cleared.put(flag, flagGroup.counter("alertsCleared"));
        }
        statusChanges = metrics.counter("statusChanges");
        staleResponses = metrics.addGroup("sela").counter("staleResponsesIgnored");
        refreshesRequested = metrics.addGroup("sela").counter("refreshesRequested");
    }

    @Override
    public void processElement(LeadEvent event, Context ctx, Collector<EnrichedLead> out) throws Exception {
        long now = ctx.timerService().currentProcessingTime();
        LeadState lead = state.value();
        if (lead == null) {
            lead = new LeadState();
        }
        if (event.refresh) {
            lead.copyRuleInputsTo(event);
        } else {
            lead.rememberRuleInputs(event, now);
        }
        if (event.lookup != null) {
            applyLookup(lead, event, now, ctx);
            emit(lead, event, event.lookup, now, ctx, event.refresh ? null : out);
            releaseAnswered(lead, now, ctx, out);
            scheduleRefresh(lead, ctx.getCurrentKey(), now, ctx.timerService());
        } else if (event.lookupSeq <= lead.appliedSeq) {
            emit(lead, event, lead.lastLookup, now, ctx, out);
        } else {
            waiting.add(event);
            if (lead.releaseTimer == 0) {
                lead.releaseTimer = now + maxWait.toMillis();
                ctx.timerService().registerProcessingTimeTimer(lead.releaseTimer);
            }
        }
        state.update(lead);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<EnrichedLead> out) throws Exception {
        LeadState lead = state.value();
        if (lead == null) {
            return;
        }
        if (lead.refreshTimer == timestamp) {
            lead.refreshTimer = 0; // the answer arms the next one
            if (isRefreshable(lead, timestamp)) {
                ctx.output(REFRESH_REQUESTS, new RefreshRequest(ctx.getCurrentKey(), lead.snapshot.id, timestamp));
                refreshesRequested.inc();
            }
        }
        if (lead.releaseTimer == timestamp) {
            releaseAll(lead, timestamp, ctx, out);
        }
        state.update(lead);
    }

    /** Safety net: events whose lookup never arrived are answered with what is known. */
    private void releaseAll(LeadState lead, long timestamp, OnTimerContext ctx, Collector<EnrichedLead> out)
            throws Exception {
        lead.releaseTimer = 0;
        for (LeadEvent event : waiting.get()) {
            SelaLookup answer = lead.lastLookup != null ? lead.lastLookup
                    : SelaLookup.failed("external_id=" + event.key, "the lookup this event waited for never arrived", 0);
            emit(lead, event, answer, timestamp, ctx, out);
        }
        waiting.clear();
    }

    /** Arms the next refresh for a lead Sela still works on; spread over a fifth of the interval so a burst of leads does not refresh at once. */
    private void scheduleRefresh(LeadState lead, String key, long now, TimerService timers) {
        if (refreshInterval.isZero() || lead.refreshTimer != 0 || !isRefreshable(lead, now)) {
            return;
        }
        long interval = refreshInterval.toMillis();
        long spread = Math.max(1, interval / 5);
        lead.refreshTimer = now + interval - spread / 2 + Math.floorMod(key.hashCode() * 31L + now, spread);
        timers.registerProcessingTimeTimer(lead.refreshTimer);
    }

    private boolean isRefreshable(LeadState lead, long now) {
        return lead.snapshot != null && !FINAL_STATUSES.contains(lead.snapshot.status)
                && now - lead.lastInputAt < stateTtl.toMillis();
    }

    private void applyLookup(LeadState lead, LeadEvent event, long now, Context ctx) {
        SelaLookup lookup = event.lookup;
        if (event.lookupSeq > lead.appliedSeq) {
            lead.appliedSeq = event.lookupSeq;
            lead.lastLookup = withoutLead(lookup);
        } else if (event.lookupSeq == 0) {
            lead.lastLookup = withoutLead(lookup);
        }
        SelaLead fetched = lookup.outcome == LookupOutcome.FOUND ? lookup.lead : null;
        if (fetched == null) {
            return;
        }
        SelaLead held = lead.snapshot;
        if (held != null && fetched.modifiedMicros != null && held.modifiedMicros != null
                && fetched.modifiedMicros < held.modifiedMicros) {
            staleResponses.inc();
            return;
        }
        for (TrackedField field : TrackedField.values()) {
            String from = field.valueOf(held);
            String to = field.valueOf(fetched);
            boolean changed = !Objects.equals(from, to);
            if (changed) {
                ctx.output(STATUS_CHANGES, statusChange(event.key, fetched, field, from, to,
                        held == null ? null : lead.since[field.ordinal()], now));
                statusChanges.inc();
            }
            if (changed || held == null) {
                lead.since[field.ordinal()] = fetched.modifiedMicros;
            }
        }
        lead.snapshot = fetched;
    }

    /** Evaluates the flags and raises or clears alerts; {@code out} null: no enriched record (refreshes). */
    private void emit(LeadState lead, LeadEvent event, SelaLookup lookup, long now, Context ctx,
                      Collector<EnrichedLead> out) {
        LookupOutcome outcome = lookup == null ? null : lookup.outcome;
        SelaLead sela = outcome == LookupOutcome.NOT_FOUND ? null : lead.snapshot;
        LeadLocation location = ComplianceRules.locate(event, sela);
        Map<Flag, String> flags = rules.evaluate(event, sela, lookup, location);

        EnrichedLead enriched = new EnrichedLead();
        enriched.externalId = event.key;
        enriched.event = event;
        enriched.sela = sela;
        enriched.lookup = outcome;
        enriched.flags = flags.keySet().stream().map(Enum::name).sorted().toArray(String[]::new);
        enriched.processedAt = now;
        if (out != null) {
            out.collect(enriched);
        }

        Set<String> before = new TreeSet<>(Arrays.asList(lead.activeFlags));
        for (Map.Entry<Flag, String> finding : flags.entrySet()) {
            if (!before.contains(finding.getKey().name())) {
                ctx.output(ALERTS, alert(event, sela, location, finding.getKey(), AlertState.RAISED, finding.getValue(), now));
                raised.get(finding.getKey()).inc();
            }
        }
        for (String name : before) {
            Flag flag = Flag.valueOf(name);
            if (!flags.containsKey(flag)) {
                ctx.output(ALERTS, alert(event, sela, location, flag, AlertState.CLEARED,
                        flag.name() + " no longer holds for this lead", now));
                cleared.get(flag).inc();
            }
        }
        lead.activeFlags = enriched.flags;
    }

    private void releaseAnswered(LeadState lead, long now, Context ctx, Collector<EnrichedLead> out) throws Exception {
        List<LeadEvent> stillWaiting = new ArrayList<>();
        boolean any = false;
        for (LeadEvent waiter : waiting.get()) {
            any = true;
            if (waiter.lookupSeq <= lead.appliedSeq) {
                emit(lead, waiter, lead.lastLookup, now, ctx, out);
            } else {
                stillWaiting.add(waiter);
            }
        }
        if (any) {
            waiting.update(stillWaiting);
        }
        if (stillWaiting.isEmpty() && lead.releaseTimer != 0) {
            ctx.timerService().deleteProcessingTimeTimer(lead.releaseTimer);
            lead.releaseTimer = 0;
        }
    }

    private static SelaLookup withoutLead(SelaLookup lookup) {
        SelaLookup copy = new SelaLookup();
        copy.outcome = lookup.outcome;
        copy.matches = lookup.matches;
        copy.attempts = lookup.attempts;
        copy.query = lookup.query;
        copy.failure = lookup.failure;
        return copy;
    }

    private static StatusChange statusChange(String key, SelaLead fetched, TrackedField field, String from, String to,
                                             Long previousSince, long now) {
        StatusChange change = new StatusChange();
        change.externalId = key;
        change.selaId = fetched.id;
        change.field = field.wireName;
        change.from = from;
        change.to = to;
        change.changedAtMicros = fetched.modifiedMicros;
        change.observedAt = now;
        change.secondsInPrevious = previousSince == null || fetched.modifiedMicros == null
                ? null : Math.max(0, (fetched.modifiedMicros - previousSince) / 1_000_000L);
        return change;
    }

    private static ComplianceAlert alert(LeadEvent event, SelaLead sela, LeadLocation location, Flag flag,
                                         AlertState alertState, String reason, long now) {
        ComplianceAlert alert = new ComplianceAlert();
        alert.alertId = alertId(event, flag, alertState);
        alert.externalId = event.key;
        alert.selaId = sela != null ? sela.id : null;
        alert.flag = flag;
        alert.state = alertState;
        alert.severity = flag.severity();
        alert.reason = reason;
        alert.at = now;
        alert.phoneNumber = event.phoneNumber != null ? event.phoneNumber : sela != null ? sela.phoneNumber : null;
        alert.usState = location.known() ? location.state().name() : null;
        alert.leadType = sela != null && sela.leadType != null ? sela.leadType : event.leadType;
        return alert;
    }

    /** The same input position, flag and transition always give the same id, so a replay repeats it. */
    static String alertId(LeadEvent event, Flag flag, AlertState alertState) {
        String name = event.key + '|' + flag + '|' + alertState + '|' + event.topic + '|' + event.partition + '|'
                + event.offset;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
