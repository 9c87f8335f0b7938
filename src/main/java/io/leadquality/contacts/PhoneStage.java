package io.leadquality.contacts;

import io.leadquality.join.SequenceClock;
import io.leadquality.model.ContactVerdict;
import io.leadquality.model.LeadEvent;
import io.leadquality.model.SelaLead;
import io.leadquality.model.SuppressionUpdate;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.time.Duration;
import java.util.Map;

/**
 * The stage keyed by phone (SPEC section 9), between the lookup and the join: every event passes
 * through the phone it has and leaves with what that phone says ({@link LeadEvent#phoneVerdict}),
 * so a lead's first enriched record already carries a mark another lead with its phone has. It
 * remembers which leads have the phone, and when a Sela snapshot passing through changes the marks
 * the phone carries, it sends a {@link LeadEvent#contactUpdate} to each of them, and to no other key.
 * Marks last seen {@code retention} ago are forgotten by a timer.
 *
 * <p>Keyed by {@link #KEY}: the phone of the event's found Sela snapshot, else the event's own; an
 * event with neither passes through untouched under a key of its own.
 */
public class PhoneStage extends KeyedProcessFunction<String, LeadEvent, LeadEvent> {
    private static final long serialVersionUID = 1L;
    private static final String PASS_THROUGH = "-";
    /** No dated snapshot of the lead seen yet (state holds no nulls: the serializers cannot write them). */
    private static final long UNDATED = Long.MIN_VALUE;
    public static final KeySelector<LeadEvent, String> KEY = PhoneStage::keyOf;

    private final Duration retention;
    private final Duration leadTtl;

    /** Per lead key with this phone: the newest Sela {@code modified_time} seen of it, else {@link #UNDATED}. */
    private transient MapState<String, Long> members;
    private transient ValueState<ContactMarks> marks;
    private transient ValueState<Long> expiryTimer;
    private transient SequenceClock versions;

    /**
     * @param retention how long a mark is kept after it was last seen ({@code compliance.mark-retention})
     * @param leadTtl how long a lead stays known to the phone after it last passed ({@code state.ttl}, as the join keeps it)
     */
    public PhoneStage(Duration retention, Duration leadTtl) {
        this.retention = retention;
        this.leadTtl = leadTtl;
    }

    /** The phone identity an event is judged by here, or a pass-through key. */
    public static String keyOf(LeadEvent event) {
        SelaLead found = event.foundSela();
        String phone = found != null && found.phoneNumber != null ? found.phoneNumber : event.phoneNumber;
        if (phone == null || event.key == null) {
            return PASS_THROUGH + (event.key != null ? event.key : event.topic + ":" + event.partition + ":" + event.offset);
        }
        return SuppressionUpdate.phoneIdentity(phone);
    }

    @Override
    public void open(OpenContext openContext) {
        MapStateDescriptor<String, Long> membersDescriptor = new MapStateDescriptor<>("phone-leads", Types.STRING, Types.LONG);
        membersDescriptor.enableTimeToLive(StateTtlConfig.newBuilder(leadTtl)
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .build());
        members = getRuntimeContext().getMapState(membersDescriptor);
        marks = getRuntimeContext().getState(new ValueStateDescriptor<>("phone-marks", ContactMarks.class));
        expiryTimer = getRuntimeContext().getState(new ValueStateDescriptor<>("phone-marks-expiry", Types.LONG));
        versions = new SequenceClock();
    }

    @Override
    public void processElement(LeadEvent event, Context ctx, Collector<LeadEvent> out) throws Exception {
        String phone = ctx.getCurrentKey();
        if (phone.startsWith(PASS_THROUGH)) {
            out.collect(event);
            return;
        }
        long now = ctx.timerService().currentProcessingTime();
        ContactMarks held = marks.value();
        ContactMarks current = held == null ? new ContactMarks() : held;
        boolean changed = false;
        Long newestSeen = members.get(event.key);
        SelaLead found = event.foundSela();
        if (found != null && isNewest(found, newestSeen)) {
            changed = current.observe(event.key, found, now);
            members.put(event.key, found.modifiedMicros != null ? found.modifiedMicros : UNDATED);
        } else {
            members.put(event.key, newestSeen != null ? newestSeen : UNDATED); // known for state.ttl from now
        }
        long version = versions.next(now);
        event.phoneVerdict = current.verdictFor(event.key, phone, version);
        out.collect(event);
        if (changed) {
            fanOut(current, event, phone, version, out);
        }
        if (changed || (found != null && !current.isEmpty())) { // a mark seen again is kept longer
            marks.update(current.isEmpty() ? null : current);
            armExpiry(current, ctx);
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
        if (current.expire(timestamp, retention.toMillis())) {
            LeadEvent expiry = new LeadEvent(); // names the alerts it clears: the same on a replay
            expiry.topic = "mark-retention";
            expiry.offset = timestamp;
            fanOut(current, expiry, ctx.getCurrentKey(), versions.next(timestamp), out);
        }
        marks.update(current.isEmpty() ? null : current);
        armExpiry(current, ctx);
    }

    /**
     * Tells every lead with this phone, but the one whose event {@code cause} is (it has just been told),
     * what the phone now says. The updates carry the cause's position, which makes their alerts' ids.
     */
    private void fanOut(ContactMarks current, LeadEvent cause, String phone, long version, Collector<LeadEvent> out)
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
            update.phoneVerdict = current.verdictFor(key, phone, version);
            out.collect(update);
        }
    }

    private void armExpiry(ContactMarks current, Context ctx) throws Exception {
        long next = current.nextExpiry(retention.toMillis());
        Long armed = expiryTimer.value();
        if (armed != null && armed != next) {
            ctx.timerService().deleteProcessingTimeTimer(armed);
        }
        if (next == Long.MAX_VALUE) {
            expiryTimer.clear();
        } else if (armed == null || armed != next) {
            ctx.timerService().registerProcessingTimeTimer(next);
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
