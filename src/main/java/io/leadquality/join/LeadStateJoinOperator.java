package io.leadquality.join;

import io.leadquality.model.EnrichedLead;
import io.leadquality.model.LeadEvent;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.SimpleTimerService;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;

import java.util.ArrayDeque;

/**
 * Runs a {@link LeadStateJoin} and, when the job starts from state judged under another version of
 * the calling rules, gives every lead held on this instance a timer that judges it again under the
 * new rules (SPEC section 10), a batch of keys per turn of the task's mailbox, so checkpoints and
 * input go on meanwhile (a million timers due at once would fire in one turn). A restore before all
 * have their timer looks for the leads again; the lead's own record of its version keeps a lead from
 * being judged twice.
 */
public final class LeadStateJoinOperator extends KeyedProcessOperator<String, LeadEvent, EnrichedLead> {
    private static final long serialVersionUID = 1L;
    /** Leads given their timer per mailbox turn. */
    static final int BATCH = 1_000;

    private transient TimerService timers;
    private transient ArrayDeque<String> toRejudge;

    public LeadStateJoinOperator(LeadStateJoin join) {
        super(join);
    }

    @Override
    public void open() throws Exception {
        super.open();
        if (!join().needsRejudging()) {
            return;
        }
        // The function's own timer service: the same name gives the same timers.
        timers = new SimpleTimerService(getInternalTimerService("user-timers", VoidNamespaceSerializer.INSTANCE, this));
        toRejudge = new ArrayDeque<>();
        Object current = getCurrentKey();
        KeyedStateBackend<String> backend = getKeyedStateBackend();
        backend.applyToAllKeys(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE,
                join().leadStateDescriptor(), (key, lead) -> toRejudge.add(key));
        if (current != null) {
            setCurrentKey(current);
        }
        scheduleBatch();
    }

    private void scheduleBatch() {
        if (toRejudge.isEmpty()) {
            join().rejudgingScheduled();
            return;
        }
        getProcessingTimeService().registerTimer(getProcessingTimeService().getCurrentProcessingTime(),
                time -> giveBatchTimers(time));
    }

    private void giveBatchTimers(long now) {
        for (int i = 0; i < BATCH && !toRejudge.isEmpty(); i++) {
            setCurrentKey(toRejudge.poll());
            timers.registerProcessingTimeTimer(now);
        }
        scheduleBatch();
    }

    private LeadStateJoin join() {
        return (LeadStateJoin) getUserFunction();
    }
}
