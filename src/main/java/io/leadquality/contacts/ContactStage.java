package io.leadquality.contacts;

import io.leadquality.join.SequenceClock;
import io.leadquality.model.LeadEvent;
import io.leadquality.model.SelaLead;
import io.leadquality.model.SuppressionAction;
import io.leadquality.model.SuppressionUpdate;
import io.leadquality.state.StateExpiry;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.state.FunctionInitializationContext;
import org.apache.flink.runtime.state.FunctionSnapshotContext;
import org.apache.flink.streaming.api.checkpoint.CheckpointedFunction;
import org.apache.flink.streaming.api.functions.co.KeyedCoProcessFunction;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.util.Collector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A stage keyed by phone, or by e-mail (SPEC section 9), between the lookup and the join. Every
 * event passes through the phone (e-mail) it has and leaves with what that phone says
 * ({@link ContactKind#verdictOf}): the marks other leads with it carry, and the suppression-list
 * entry naming it. So a lead's first enriched record already carries them. The stage remembers which
 * leads have the phone; when a Sela snapshot passing through changes the phone's marks, or a list
 * record its entry, it sends a {@link LeadEvent#contactUpdate} to each of them, and to no other key.
 *
 * <p>The list arrives on the second input, keyed the same way. Until this instance has had its
 * {@code LOADED} marker (the list read to its end, {@link io.leadquality.suppression.SuppressionList#loadedMarkers}),
 * events wait here, so no lead is judged clean against half a list; the marker releases them all at
 * soon after ({@link ContactStageOperator}), with no timer per waiting key. Marks last seen {@code retention}
 * ago, and calls made {@code state.ttl} ago, are forgotten by a timer.
 */
public class ContactStage extends KeyedCoProcessFunction<String, LeadEvent, SuppressionUpdate, LeadEvent>
        implements CheckpointedFunction {
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = LoggerFactory.getLogger(ContactStage.class);
    private static final String PASS_THROUGH = "-";
    /** No dated snapshot of the lead seen yet (state holds no nulls: the serializers cannot write them). */
    private static final long UNDATED = Long.MIN_VALUE;
    static final long LIST_SLOW_WARNING_MS = 60_000;

    private final ContactKind kind;
    private final Duration retention;
    private final Duration leadTtl;

    /** Per lead key with this phone: the newest Sela {@code modified_time} seen of it, else {@link #UNDATED}. */
    private transient MapState<String, Long> members;
    private transient ValueState<ContactMarks> marks;
    private transient ValueState<Long> expiryTimer;
    private transient ListStateDescriptor<LeadEvent> heldDescriptor;
    private transient ListState<LeadEvent> heldForList;
    /** Whether this instance has had its LOADED marker; in operator state, so a restore keeps it. */
    private transient ListState<Boolean> loadedState;
    private transient volatile boolean loaded; // read by the metrics gauge
    /** When this instance first held an event for the list, else 0. */
    private transient long heldSince;
    private transient SequenceClock versions;
    private transient Counter leadsTold;

    /**
     * @param retention how long a mark is kept after it was last seen ({@code compliance.mark-retention})
     * @param leadTtl how long a lead stays known to the phone after it last passed ({@code state.ttl}, as the join keeps it)
     */
    public ContactStage(ContactKind kind, Duration retention, Duration leadTtl) {
        this.kind = kind;
        this.retention = retention;
        this.leadTtl = leadTtl;
    }

    /** How events are keyed for the stage of {@code kind}: by the identity they are judged by, else a pass-through key. */
    public static KeySelector<LeadEvent, String> eventKey(ContactKind kind) {
        return event -> keyOf(kind, event);
    }

    /** How list records are keyed: by the identity they name (a LOADED marker names the key group it is for). */
    public static KeySelector<SuppressionUpdate, String> entryKey() {
        return update -> update.identity;
    }

    static String keyOf(ContactKind kind, LeadEvent event) {
        String identity = event.contactUpdate || event.key == null ? null : kind.identityOf(event);
        if (identity == null) {
            return PASS_THROUGH + (event.key != null ? event.key : event.topic + ":" + event.partition + ":" + event.offset);
        }
        return identity;
    }

    @Override
    public void initializeState(FunctionInitializationContext context) throws Exception {
        loadedState = context.getOperatorStateStore().getUnionListState(
                new ListStateDescriptor<>(kind.name().toLowerCase() + "-list-loaded", Types.BOOLEAN));
        boolean any = false;
        boolean all = true;
        for (Boolean instanceLoaded : loadedState.get()) {
            any = true;
            all &= instanceLoaded;
        }
        // Loaded only if every instance was: after a rescale, an instance may own keys another had not heard the end for.
        loaded = any && all;
    }

    @Override
    public void snapshotState(FunctionSnapshotContext context) throws Exception {
        loadedState.update(List.of(loaded));
    }

    @Override
    public void open(OpenContext openContext) {
        MapStateDescriptor<String, Long> membersDescriptor = new MapStateDescriptor<>(
                kind == ContactKind.PHONE ? "phone-leads" : "email-leads", Types.STRING, Types.LONG);
        membersDescriptor.enableTimeToLive(StateExpiry.after(leadTtl));
        members = getRuntimeContext().getMapState(membersDescriptor);
        String name = kind == ContactKind.PHONE ? "phone" : "email";
        marks = getRuntimeContext().getState(new ValueStateDescriptor<>(name + "-marks", ContactMarks.class));
        expiryTimer = getRuntimeContext().getState(new ValueStateDescriptor<>(name + "-marks-expiry", Types.LONG));
        heldDescriptor = new ListStateDescriptor<>(name + "-waiting-for-list", LeadEvent.class);
        heldForList = getRuntimeContext().getListState(heldDescriptor);
        versions = new SequenceClock();
        MetricGroup metrics = getRuntimeContext().getMetricGroup().addGroup("contacts", name);
        leadsTold = metrics.counter("leadsTold");
        metrics.gauge("listLoaded", () -> loaded ? 1 : 0);
    }

    @Override
    public void processElement1(LeadEvent event, Context ctx, Collector<LeadEvent> out) throws Exception {
        if (ctx.getCurrentKey().startsWith(PASS_THROUGH)) {
            out.collect(event);
            return;
        }
        long now = ctx.timerService().currentProcessingTime();
        if (!loaded) {
            hold(event);
            if (heldSince == 0) {
                heldSince = now;
            }
            return;
        }
        pass(event, ctx.getCurrentKey(), ctx.timerService(), now, out);
    }

    @Override
    public void processElement2(SuppressionUpdate update, Context ctx, Collector<LeadEvent> out) throws Exception {
        if (update.action == SuppressionAction.LOADED) {
            if (!loaded) {
                LOG.info("{} stage: suppression list loaded", kind.noun);
            }
            loaded = true; // ContactStageOperator then releases the events held on this instance
            return;
        }
        ContactMarks held = marks.value();
        ContactMarks current = held == null ? new ContactMarks() : held;
        boolean onOrOff = current.takeListRecord(update); // a replay of an older record changes nothing
        marks.update(current);
        if (onOrOff) {
            LeadEvent cause = new LeadEvent(); // the record's position makes the alerts' ids: the same on a replay
            cause.topic = update.topic;
            cause.partition = update.partition;
            cause.offset = update.offset;
            tell(current, cause, ctx.getCurrentKey(), versions.next(ctx.timerService().currentProcessingTime()), out);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<LeadEvent> out) throws Exception {
        Long armed = expiryTimer.value();
        if (armed == null || armed != timestamp) {
            return;
        }
        expiryTimer.clear();
        ContactMarks current = marks.value();
        if (current == null) {
            return;
        }
        if (current.expire(timestamp, retention.toMillis(), leadTtl.toMillis())) {
            LeadEvent expiry = new LeadEvent(); // names the alerts it clears: the same on a replay
            expiry.topic = "mark-retention";
            expiry.offset = timestamp;
            tell(current, expiry, ctx.getCurrentKey(), versions.next(timestamp), out);
        }
        marks.update(current.isEmpty() ? null : current);
        armExpiry(current, ctx.timerService());
    }

    /**
     * The event leaves with what its phone says; a snapshot that changes the phone's marks, or a new
     * call to it, tells the phone's other leads.
     */
    private void pass(LeadEvent event, String identity, TimerService timers, long now, Collector<LeadEvent> out)
            throws Exception {
        ContactMarks held = marks.value();
        ContactMarks current = held == null ? new ContactMarks() : held;
        boolean changed = false;
        Long newestSeen = members.get(event.key);
        SelaLead found = event.foundSela();
        if (found != null && isNewest(found, newestSeen)) {
            changed = current.observe(event.key, found, now, kind.carriesLitigator);
            members.put(event.key, found.modifiedMicros != null ? found.modifiedMicros : UNDATED);
        } else {
            members.put(event.key, newestSeen != null ? newestSeen : UNDATED); // known for state.ttl from now
        }
        boolean called = kind == ContactKind.PHONE && event.callId != null && current.recordCall(event.callId, event.callAt);
        long version = versions.next(now);
        kind.setVerdict(event, current.verdictFor(event.key, identity, version));
        out.collect(event);
        if (changed || called) {
            tell(current, event, identity, version, out);
        }
        if (changed || called || (found != null && !current.marked.isEmpty())) { // a mark seen again is kept longer
            marks.update(current.isEmpty() ? null : current);
            armExpiry(current, timers);
        }
    }

    /**
     * Tells every lead with this phone, but the one whose event {@code cause} is (it has just been told),
     * what the phone now says. The updates carry the cause's position, which makes their alerts' ids.
     */
    private void tell(ContactMarks current, LeadEvent cause, String identity, long version, Collector<LeadEvent> out)
            throws Exception {
        for (Map.Entry<String, Long> member : members.entries()) {
            String key = member.getKey();
            if (key.equals(cause.key)) {
                continue;
            }
            LeadEvent update = new LeadEvent();
            update.key = key;
            update.externalId = key;
            update.topic = cause.topic;
            update.partition = cause.partition;
            update.offset = cause.offset;
            update.contactUpdate = true;
            kind.setVerdict(update, current.verdictFor(key, identity, version));
            out.collect(update);
            leadsTold.inc();
        }
    }

    boolean isLoaded() {
        return loaded;
    }

    /** Where events wait for the list, per key: {@link ContactStageOperator} visits the keys that have some. */
    ListStateDescriptor<LeadEvent> heldDescriptor() {
        return heldDescriptor;
    }

    /** Keeps the event back, behind the current key's other held events, until they are released. */
    void hold(LeadEvent event) throws Exception {
        heldForList.add(event);
    }

    /** The list has loaded: the current key's held events go on, in their order. */
    void releaseHeld(String identity, TimerService timers, Collector<LeadEvent> out) throws Exception {
        long now = timers.currentProcessingTime();
        for (LeadEvent event : heldForList.get()) {
            pass(event, identity, timers, now, out);
        }
        heldForList.clear();
    }

    /** Called once a minute while the list loads ({@link ContactStageOperator}): a warning when events wait that long. */
    void warnIfListIsSlow(long now) {
        if (heldSince != 0 && now - heldSince >= LIST_SLOW_WARNING_MS) {
            LOG.warn("Lead events have waited {} s for the suppression list to load; is its topic readable?",
                    (now - heldSince) / 1000);
        }
    }

    private void armExpiry(ContactMarks current, TimerService timers) throws Exception {
        long next = current.nextExpiry(retention.toMillis(), leadTtl.toMillis());
        Long armed = expiryTimer.value();
        if (armed != null && armed != next) {
            timers.deleteProcessingTimeTimer(armed);
        }
        if (next == Long.MAX_VALUE) {
            expiryTimer.clear();
        } else if (armed == null || armed != next) {
            timers.registerProcessingTimeTimer(next);
            expiryTimer.update(next);
        }
    }

    /** Only a snapshot of its lead at least as new as the newest seen is evidence (Sela's modified_time). */
    private static boolean isNewest(SelaLead snapshot, Long newestSeen) {
        if (newestSeen == null || newestSeen == UNDATED) {
            return true;
        }
        return snapshot.modifiedMicros != null && snapshot.modifiedMicros >= newestSeen;
    }
}
