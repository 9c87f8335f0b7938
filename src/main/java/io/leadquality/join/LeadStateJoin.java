package io.leadquality.join;

import io.leadquality.compliance.ComplianceRules;
import io.leadquality.compliance.LeadLocation;
import io.leadquality.model.AlertState;
import io.leadquality.model.ComplianceAlert;
import io.leadquality.model.ContactVerdict;
import io.leadquality.model.EnrichedLead;
import io.leadquality.model.Flag;
import io.leadquality.model.LeadEvent;
import io.leadquality.model.LookupOutcome;
import io.leadquality.model.RefreshRequest;
import io.leadquality.model.SelaLead;
import io.leadquality.model.SelaLookup;
import io.leadquality.model.StatusChange;
import io.leadquality.state.StateExpiry;
import io.leadquality.suppression.SuppressionList;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Joins each event with what is known of its lead (keyed by external_id): keeps the newest Sela
 * snapshot, reports changed Sela fields, evaluates the flags, and raises or clears alerts on
 * transitions only. Events answered from the cache wait here until the lookup they ride on has
 * arrived, so they never see an older snapshot than that lookup.
 *
 * <p>What the lead's phone and e-mail say (other leads' Sela marks, the suppression-list entry naming
 * them, the calls to the phone) comes on each event from the contact stages; a verdict they send when
 * that changes re-judges the lead without an enriched record. So do the clock, when a frequency cap's
 * window rolls past, and a new version of the calling rules ({@link LeadStateJoinOperator}).
 */
public class LeadStateJoin extends KeyedProcessFunction<String, LeadEvent, EnrichedLead> implements CheckpointedFunction {
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
    private final double lookupsPerSecond;

    private transient ValueState<LeadState> state;
    private transient ListState<LeadEvent> waiting;
    private transient ListState<LeadEvent> heldForList;
    private transient Map<Flag, Counter> raised;
    private transient Map<Flag, Counter> cleared;
    private transient Counter statusChanges;
    private transient Map<TrackedField, Counter> statusChangesByField;
    private transient Counter leadsCreated;
    private transient Counter staleResponses;
    private transient Counter lateAnswers;
    private transient Counter pushesApplied;
    /** Leads whose refresh waits for room at the rate limit, on this instance. */
    private transient AtomicLong refreshBacklog;
    private transient RefreshPacer refreshPacer;
    /** The processing time of this instance's first turn: timers due before it were due while the job was down. */
    private transient long runStartedAt;
    private transient Counter callsRecorded;
    private transient Counter refreshesRequested;
    private transient Counter leadsRejudged;
    private transient Counter rejudgedUnderNewRules;
    /** The calling rules' versions the leads in state were judged under, as restored (union state). */
    private transient ListState<String> rulesVersions;
    /** True until every lead restored on this instance has a timer to judge it again under new rules; false when none need it. */
    private transient boolean rejudgingPending;

    /** @param lookupsPerSecond this instance's share of the rate limit, which paces its refreshes ({@link RefreshPacer}) */
    public LeadStateJoin(ComplianceRules rules, Duration stateTtl, Duration maxWait, Duration refreshInterval,
                         double lookupsPerSecond) {
        this.rules = rules;
        this.stateTtl = stateTtl;
        this.maxWait = maxWait;
        this.refreshInterval = refreshInterval;
        this.lookupsPerSecond = lookupsPerSecond;
    }

    /** The per-lead state, with its time to live: the operator visits its keys with the same descriptor. */
    ValueStateDescriptor<LeadState> leadStateDescriptor() {
        ValueStateDescriptor<LeadState> descriptor = new ValueStateDescriptor<>("lead", LeadState.class);
        descriptor.enableTimeToLive(StateExpiry.after(stateTtl));
        return descriptor;
    }

    @Override
    public void open(OpenContext openContext) {
        state = getRuntimeContext().getState(leadStateDescriptor());
        ListStateDescriptor<LeadEvent> waitingDescriptor = new ListStateDescriptor<>("waiting-for-lookup", LeadEvent.class);
        waitingDescriptor.enableTimeToLive(StateExpiry.after(stateTtl));
        waiting = getRuntimeContext().getListState(waitingDescriptor);
        heldForList = getRuntimeContext().getListState(new ListStateDescriptor<>("waiting-for-suppression-list", LeadEvent.class));

        MetricGroup metrics = getRuntimeContext().getMetricGroup();
        raised = new EnumMap<>(Flag.class);
        cleared = new EnumMap<>(Flag.class);
        for (Flag flag : Flag.values()) {
            MetricGroup flagGroup = metrics.addGroup("flag", flag.name());
            raised.put(flag, flagGroup.counter("alertsRaised"));
            cleared.put(flag, flagGroup.counter("alertsCleared"));
        }
        statusChanges = metrics.counter("statusChanges");
        statusChangesByField = new EnumMap<>(TrackedField.class);
        for (TrackedField field : TrackedField.values()) {
            statusChangesByField.put(field, metrics.addGroup("field", field.wireName).counter("statusChanges"));
        }
        leadsCreated = metrics.counter("leadsCreated");
        staleResponses = metrics.addGroup("sela").counter("staleResponsesIgnored");
        lateAnswers = metrics.addGroup("sela").counter("lateAnswers");
        pushesApplied = metrics.addGroup("sela").counter("webhooksApplied");
        refreshBacklog = new AtomicLong();
        refreshPacer = new RefreshPacer(lookupsPerSecond);
        runStartedAt = Long.MIN_VALUE;
        metrics.addGroup("sela").gauge("refreshBacklog", refreshBacklog::get);
        callsRecorded = metrics.counter("callsRecorded");
        refreshesRequested = metrics.addGroup("sela").counter("refreshesRequested");
        leadsRejudged = metrics.addGroup("suppression").counter("leadsRejudged");
        rejudgedUnderNewRules = metrics.addGroup("callingRules").counter("leadsRejudged");
        metrics.addGroup("callingRules").gauge("rejudgingPending", () -> rejudgingPending ? 1 : 0);
    }

    /**
     * A savepoint from before the contact stages held the suppression list has it here, on every
     * instance, as broadcast state: emptied, so checkpoints stop carrying it (the stages read the list
     * again from its topic: README, Suppression list).
     */
    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        context.getOperatorStateStore().getBroadcastState(SuppressionList.LEGACY_ENTRIES).clear();
        context.getOperatorStateStore().getBroadcastState(SuppressionList.LEGACY_STATUS).clear();
        rulesVersions = context.getOperatorStateStore().getUnionListState(
                new ListStateDescriptor<>("calling-rules-versions", String.class));
        boolean allCurrent = true;
        for (String version : rulesVersions.get()) {
            allCurrent &= version.equals(rules.rulesVersion());
        }
        // A savepoint from before the rules file, or under another version of it, holds leads judged otherwise.
        rejudgingPending = context.isRestored() && !(allCurrent && rulesVersions.get().iterator().hasNext());
    }

    /** Until every lead has its timer to be judged again, a restore must look for them again: the old version is kept. */
    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        rulesVersions.update(List.of(rejudgingPending ? "(leads still to judge again)" : rules.rulesVersion()));
    }

    /** Whether the leads restored on this instance were judged under other calling rules. */
    boolean needsRejudging() {
        return rejudgingPending;
    }

    /** Every lead restored here has a timer that judges it again ({@link LeadStateJoinOperator}). */
    void rejudgingScheduled() {
        rejudgingPending = false;
    }

    @Override
    public void processElement(LeadEvent event, Context ctx, Collector<EnrichedLead> out) throws Exception {
        Turn turn = new Turn(ctx, out);
        noteRunStart(turn.now);
        LeadState lead = state.value();
        if (lead == null) {
            lead = new LeadState();
            leadsCreated.inc();
        }
        if (lead.listWaitTimer != 0) { // events held here by a job from before the contact stages
            releaseHeld(lead, turn);
        }
        process(lead, event, turn);
        state.update(lead);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<EnrichedLead> out) throws Exception {
        LeadState lead = state.value();
        if (lead == null) {
            return;
        }
        Turn turn = new Turn(ctx, out);
        noteRunStart(turn.now);
        if (lead.listWaitTimer == timestamp) {
            releaseHeld(lead, turn);
        }
        if (lead.refreshTimer == timestamp) {
            lead.refreshTimer = 0; // the answer arms the next one
            refreshIfDue(lead, timestamp, turn);
        }
        if (lead.releaseTimer == timestamp) {
            releaseAll(lead, turn);
        }
        if (lead.capTimer == timestamp) {
            lead.capTimer = 0; // the cap's window rolled past: the clock alone may clear CALL_FREQUENCY_CAP
            rejudge(lead, "calling-rules-cap-window", timestamp, turn);
        }
        if (!rules.rulesVersion().equals(lead.rulesVersion) && lead.judged()) {
            rejudge(lead, "calling-rules " + rules.rulesVersion(), 0, turn);
            rejudgedUnderNewRules.inc();
        }
        state.update(lead);
    }

    /**
     * Judges the lead's calling flags again with what is known of it, with no event: alerts on
     * transitions, no enriched record. {@code cause} and {@code at} stand for the input position in the alerts' ids, so a replay
     * repeats them.
     */
    private void rejudge(LeadState lead, String cause, long at, Turn turn) throws Exception {
        if (!lead.judged()) {
            return;
        }
        LeadEvent event = new LeadEvent();
        event.key = turn.key;
        event.externalId = turn.key;
        event.topic = cause;
        event.partition = -1;
        event.offset = at;
        lead.copyRuleInputsTo(event);
        emit(lead, event, lead.lastLookup, turn, null, ComplianceRules.CALLING_FLAGS);
    }

    /**
     * Events a job from before the contact stages held here while the list loaded (now the stages
     * hold them): judged first, in their order, so a key's events are never judged out of order.
     */
    private void releaseHeld(LeadState lead, Turn turn) throws Exception {
        if (lead.listWaitTimer != 0) {
            turn.timers.deleteProcessingTimeTimer(lead.listWaitTimer);
            lead.listWaitTimer = 0;
        }
        Iterable<LeadEvent> held = heldForList.get();
        if (held == null) {
            return;
        }
        boolean any = false;
        for (LeadEvent event : held) {
            process(lead, event, turn);
            any = true;
        }
        if (any) {
            heldForList.clear();
        }
    }

    /**
     * Every event is judged with the newest state known for its key: an answer that arrives after a
     * newer one (unordered async I/O, retries, refreshes) only adds a snapshot nothing newer contradicts.
     */
    private void process(LeadState lead, LeadEvent event, Turn turn) throws Exception {
        if (event.contactUpdate) {
            // What the lead's phone says changed (a mark on another lead with it): judged again with
            // what is known of the lead, alerts on transitions, no enriched record.
            if (lead.judged() && (lead.takeVerdict(event.phoneVerdict) | lead.takeVerdict(event.emailVerdict))) {
                lead.copyRuleInputsTo(event);
                emit(lead, event, lead.lastLookup, turn, null);
                leadsRejudged.inc();
            }
            return;
        }
        if (event.refresh || event.pushed) {
            lead.copyRuleInputsTo(event);
        } else if (event.matchedBy == null) {
            lead.rememberRuleInputs(event, turn.now);
        }
        if (event.refreshDeferred) {
            deferRefresh(lead, turn);
            // Events of the key that the cache sent to ride on this refresh are answered with what is known.
            lead.appliedSeq = Math.max(lead.appliedSeq, event.lookupSeq);
            releaseAnswered(lead, turn);
        } else if (event.matchedBy != null) {
            // Matched by phone or email to this lead after its own lookup came back empty: judged
            // with what the job holds of the lead; its answer says nothing of this lead's Sela state.
            emit(lead, event, lead.lastLookup != null ? lead.lastLookup : event.lookup, turn, turn.out);
        } else if (event.lookup != null) {
            applyLookup(lead, event, turn);
            if (event.refresh) {
                refreshAnswered(lead, turn.now);
            } else { // a refresh's own answer does not postpone the next refresh
                lead.lastHeardAt = turn.now;
            }
            if (event.pushed) {
                pushesApplied.inc();
                if (event.callId != null && lead.recordCall(event.callId, event.callAt)) {
                    callsRecorded.inc();
                }
            }
            emit(lead, event, lead.lastLookup, turn, event.refresh || event.pushed ? null : turn.out);
            releaseAnswered(lead, turn);
            scheduleRefresh(lead, turn);
        } else if (event.lookupSeq <= lead.appliedSeq) {
            emit(lead, event, lead.lastLookup, turn, turn.out);
        } else {
            waiting.add(event);
            if (lead.releaseTimer == 0) {
                lead.releaseTimer = turn.now + maxWait.toMillis();
                turn.timers.registerProcessingTimeTimer(lead.releaseTimer);
            }
        }
    }

    /**
     * A refresh timer fired. Due while the job was down (a restore), it is spread over a fifth of the
     * interval rather than fired with every other; a lead heard from within the interval (a webhook, an
     * event's lookup) waits for the interval to pass since then. A timer that is only late because this
     * instance is busy asks at once: re-spreading it would feed the lag it comes from (every late timer
     * re-armed and fired again, input starved behind them), and the budget defers what it has no room for.
     */
    private void refreshIfDue(LeadState lead, long timestamp, Turn turn) {
        if (!isRefreshable(lead, turn.now)) {
            return;
        }
        long spread = Math.max(1, refreshInterval.toMillis() / 5);
        if (timestamp < runStartedAt) {
            lead.refreshTimer = turn.now + Math.floorMod(turn.key.hashCode() * 31L + turn.now, spread);
        } else if (turn.now - lead.lastHeardAt < refreshInterval.toMillis()) {
            lead.refreshTimer = lead.lastHeardAt + refreshInterval.toMillis();
        } else if (refreshPacer.tryAdmit(turn.now)) {
            turn.outputs.output(REFRESH_REQUESTS, new RefreshRequest(turn.key, lead.snapshot.id, timestamp));
            refreshesRequested.inc();
            return;
        } else { // more fell due than the limit could look up: kept back here, not sent round to be handed back
            deferRefresh(lead, turn);
            return;
        }
        turn.timers.registerProcessingTimeTimer(lead.refreshTimer);
    }

    /**
     * The rate limit had no room for this lead's refresh (lookups for new events went first), or more
     * refreshes fell due than it allows. Ask again after about the backlog's drain time
     * ({@link RefreshPacer}), spread per lead.
     */
    private void deferRefresh(LeadState lead, Turn turn) {
        if (lead.refreshDeferredSince == 0) {
            lead.refreshDeferredSince = turn.now;
            refreshBacklog.incrementAndGet();
        }
        if (lead.refreshTimer == 0 && !refreshInterval.isZero()) {
            // Spread over the whole pause, from now: the backlog then asks again at about the rate it drains,
            // from the start, and the budget is not left idle for the first part of every pause.
            long pause = refreshPacer.pauseMillis(refreshBacklog.get(), turn.now);
            lead.refreshTimer = turn.now + 1 + Math.floorMod(turn.key.hashCode() * 31L + turn.now, pause);
            turn.timers.registerProcessingTimeTimer(lead.refreshTimer);
        }
    }

    private void noteRunStart(long now) {
        if (runStartedAt == Long.MIN_VALUE) {
            runStartedAt = now;
        }
    }

    /** A lead's refresh was answered: it leaves the backlog. */
    private void refreshAnswered(LeadState lead, long now) {
        refreshPacer.answered(now);
        if (lead.refreshDeferredSince != 0) {
            if (lead.refreshDeferredSince >= runStartedAt) { // counted by this run, not one before a restore
                refreshBacklog.decrementAndGet();
            }
            lead.refreshDeferredSince = 0;
        }
    }

    /** Safety net: events whose lookup never arrived are answered with what is known. */
    private void releaseAll(LeadState lead, Turn turn) throws Exception {
        lead.releaseTimer = 0;
        for (LeadEvent event : waiting.get()) {
            SelaLookup answer = lead.lastLookup != null ? lead.lastLookup
                    : SelaLookup.failed("external_id=" + event.key, "the lookup this event waited for never arrived", 0);
            emit(lead, event, answer, turn, turn.out);
        }
        waiting.clear();
    }

    /** Arms the next refresh for a lead Sela still works on; spread over a fifth of the interval so a burst of leads does not refresh at once. */
    private void scheduleRefresh(LeadState lead, Turn turn) {
        if (refreshInterval.isZero() || lead.refreshTimer != 0 || !isRefreshable(lead, turn.now)) {
            return;
        }
        long interval = refreshInterval.toMillis();
        long spread = Math.max(1, interval / 5);
        lead.refreshTimer = turn.now + interval - spread / 2 + Math.floorMod(turn.key.hashCode() * 31L + turn.now, spread);
        turn.timers.registerProcessingTimeTimer(lead.refreshTimer);
    }

    private boolean isRefreshable(LeadState lead, long now) {
        return lead.snapshot != null && !FINAL_STATUSES.contains(lead.snapshot.status)
                && now - lead.lastInputAt < stateTtl.toMillis();
    }

    /** Keeps the answer if it is the newest, and its snapshot if nothing newer is held; reports what changed. */
    private void applyLookup(LeadState lead, LeadEvent event, Turn turn) {
        SelaLookup lookup = event.lookup;
        if (event.lookupSeq > lead.appliedSeq || lead.lastLookup == null) {
            lead.appliedSeq = Math.max(lead.appliedSeq, event.lookupSeq);
            lead.lastLookup = withoutLead(lookup);
        } else {
            lateAnswers.inc();
        }
        SelaLead fetched = lookup.outcome == LookupOutcome.FOUND ? lookup.lead : null;
        if (fetched == null) {
            return;
        }
        if (!SnapshotOrder.replaces(lead.snapshot, lead.snapshotSeq, fetched, event.lookupSeq)) {
            staleResponses.inc();
            return;
        }
        for (StatusChange change : StatusChangeDetector.detect(event.key, lead.snapshot, fetched, lead.since, turn.now)) {
            turn.outputs.output(STATUS_CHANGES, change);
            statusChanges.inc();
            statusChangesByField.get(TrackedField.named(change.field)).inc();
        }
        lead.keepSnapshot(fetched, turn.key);
        lead.snapshotSeq = event.lookupSeq;
    }

    private void emit(LeadState lead, LeadEvent event, SelaLookup lookup, Turn turn, Collector<EnrichedLead> out)
            throws Exception {
        emit(lead, event, lookup, turn, out, null);
    }

    /**
     * Evaluates the flags and raises or clears alerts; {@code out} null: no enriched record (refreshes,
     * re-judging). A lookup that found nothing hides the snapshot from the rules but not its
     * do-not-call and litigator marks, which only evidence clears.
     * @param only when not null, the flags judged again; the others stay as they were (the clock and a
     *             new rules version decide the calling flags only: a lead restored from before the
     *             contact stages holds no verdicts yet, and must not lose its do-not-call flag for that)
     */
    private void emit(LeadState lead, LeadEvent event, SelaLookup lookup, Turn turn, Collector<EnrichedLead> out,
                      Set<Flag> only) throws Exception {
        LookupOutcome outcome = lookup == null ? null : lookup.outcome;
        SelaLead sela = outcome == LookupOutcome.NOT_FOUND ? null : lead.snapshot;
        LeadLocation location = ComplianceRules.locate(event, sela);
        lead.takeVerdict(event.phoneVerdict);
        lead.takeVerdict(event.emailVerdict);
        ContactVerdict[] contacts = lead.currentPhoneVerdicts();
        ComplianceRules.Judgement judgement = rules.judge(event, sela, lookup, location, LeadState.listedIn(contacts),
                lead.snapshot, turn.now, lead.callTimesOfPhone(contacts), contacts);
        Map<Flag, String> flags = only == null ? judgement.flags() : keptBut(only, lead.activeFlags, judgement.flags());
        String[] names = new String[flags.size()];
        String[] reasons = new String[flags.size()];
        int i = 0;
        for (Map.Entry<String, String> flag : byName(flags).entrySet()) {
            names[i] = flag.getKey();
            reasons[i++] = flag.getValue();
        }

        if (out != null) {
            EnrichedLead enriched = new EnrichedLead();
            enriched.externalId = event.key;
            enriched.event = event;
            enriched.sela = sela;
            enriched.lookup = outcome;
            enriched.flags = names;
            enriched.evidence = reasons;
            enriched.processedAt = turn.now;
            enriched.nextAllowedCallAt = judgement.nextAllowedCallAt();
            out.collect(enriched);
        }

        SelaLead named = sela != null ? sela : lead.snapshot;
        for (AlertTransitions.Transition transition : AlertTransitions.between(lead.activeFlags, flags,
                flag -> ComplianceRules.clearedReason(flag, sela))) {
            ComplianceAlert alert = alert(event, named, location, transition.flag(), transition.state(),
                    transition.reason(), turn.now);
            alert.rulesVersion = rules.rulesVersion();
            alert.nextAllowedCallAt = judgement.nextAllowedCallAt();
            turn.outputs.output(ALERTS, alert);
            (transition.state() == AlertState.RAISED ? raised : cleared).get(transition.flag()).inc();
        }
        lead.activeFlags = names;
        lead.rulesVersion = rules.rulesVersion();
        armCapTimer(lead, judgement.recheckAt(), turn);
    }

    /** A raised frequency cap clears by the clock: a timer at the instant its window lets a new call. */
    private static void armCapTimer(LeadState lead, long at, Turn turn) {
        if (at == lead.capTimer) {
            return;
        }
        if (lead.capTimer != 0) {
            turn.timers.deleteProcessingTimeTimer(lead.capTimer);
        }
        lead.capTimer = at;
        if (at != 0) {
            turn.timers.registerProcessingTimeTimer(at);
        }
    }

    /** The flags raised before, but for {@code judged}, which are as judged now; reasons only for those (no record is written). */
    private static Map<Flag, String> keptBut(Set<Flag> judged, String[] before, Map<Flag, String> now) {
        Map<Flag, String> flags = new EnumMap<>(Flag.class);
        for (String name : before) {
            Flag flag = Flag.valueOf(name);
            if (!judged.contains(flag)) {
                flags.put(flag, "kept");
            }
        }
        now.forEach((flag, reason) -> {
            if (judged.contains(flag)) {
                flags.put(flag, reason);
            }
        });
        return flags;
    }

    private static Map<String, String> byName(Map<Flag, String> flags) {
        Map<String, String> named = new TreeMap<>();
        flags.forEach((flag, reason) -> named.put(flag.name(), reason));
        return named;
    }

    private void releaseAnswered(LeadState lead, Turn turn) throws Exception {
        List<LeadEvent> stillWaiting = new ArrayList<>();
        boolean any = false;
        for (LeadEvent waiter : waiting.get()) {
            any = true;
            if (waiter.lookupSeq <= lead.appliedSeq) {
                emit(lead, waiter, lead.lastLookup, turn, turn.out);
            } else {
                stillWaiting.add(waiter);
            }
        }
        if (any) {
            waiting.update(stillWaiting);
        }
        if (stillWaiting.isEmpty() && lead.releaseTimer != 0) {
            turn.timers.deleteProcessingTimeTimer(lead.releaseTimer);
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

    /** What one call of the function works with: an element's or a timer's context (side outputs), read once. */
    private static final class Turn {
        final String key;
        final long now;
        final TimerService timers;
        final KeyedProcessFunction<String, LeadEvent, EnrichedLead>.Context outputs;
        final Collector<EnrichedLead> out;

        Turn(KeyedProcessFunction<String, LeadEvent, EnrichedLead>.Context ctx, Collector<EnrichedLead> out) {
            this.key = ctx.getCurrentKey();
            this.timers = ctx.timerService();
            this.outputs = ctx;
            this.out = out;
            this.now = timers.currentProcessingTime();
        }
    }
}
