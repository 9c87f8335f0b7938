package io.leadquality.contacts;

import io.leadquality.model.LeadEvent;
import io.leadquality.model.SuppressionUpdate;
import org.apache.flink.runtime.state.KeyedStateBackend;
import org.apache.flink.runtime.state.VoidNamespace;
import org.apache.flink.runtime.state.VoidNamespaceSerializer;
import org.apache.flink.streaming.api.SimpleTimerService;
import org.apache.flink.streaming.api.TimerService;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;

/**
 * Runs a {@link ContactStage} and, once its {@code LOADED} marker has arrived, releases the events
 * held on this instance while the list loaded, key by key, a batch per turn of the task's mailbox so
 * checkpoints go on meanwhile. (A timer per waiting key, a million keys when the list is long, fired
 * faster than the list could be read; releasing them all in one call held checkpoints back for minutes.)
 * Until its key's turn, a new event of a key still holding some waits behind them, so no key's events
 * are reordered; a restore in the middle finds the keys still holding events and goes on.
 */
public final class ContactStageOperator extends KeyedCoProcessOperator<String, LeadEvent, SuppressionUpdate, LeadEvent> {
    private static final long serialVersionUID = 1L;
    /** Keys released per mailbox turn. */
    static final int RELEASE_BATCH = 1_000;

    private transient TimerService timers;
    /** Keys still holding events, in the order they are released; empty once none does. */
    private transient ArrayDeque<String> toRelease;
    private transient Set<String> stillHolding;

    public ContactStageOperator(ContactStage stage) {
        super(stage);
    }

    @Override
    public void open() throws Exception {
        super.open();
        // The function's own timer service: the same name gives the same timers.
        timers = new SimpleTimerService(getInternalTimerService("user-timers", VoidNamespaceSerializer.INSTANCE, this));
        toRelease = new ArrayDeque<>();
        stillHolding = new HashSet<>();
        if (stage().isLoaded()) {
            startReleasing(); // restored while releasing: some keys may still hold events
        } else {
            checkForASlowList();
        }
    }

    /** Once a minute until the list has loaded: a warning if events have waited for it that long. */
    private void checkForASlowList() {
        long next = getProcessingTimeService().getCurrentProcessingTime() + ContactStage.LIST_SLOW_WARNING_MS;
        getProcessingTimeService().registerTimer(next, time -> {
            if (!stage().isLoaded()) {
                stage().warnIfListIsSlow(time);
                checkForASlowList();
            }
        });
    }

    @Override
    public void processElement1(StreamRecord<LeadEvent> element) throws Exception {
        if (!stillHolding.isEmpty() && stillHolding.contains((String) getCurrentKey())) {
            stage().hold(element.getValue());
            return;
        }
        super.processElement1(element);
    }

    @Override
    public void processElement2(StreamRecord<SuppressionUpdate> element) throws Exception {
        boolean wasLoaded = stage().isLoaded();
        super.processElement2(element);
        if (!wasLoaded && stage().isLoaded()) {
            startReleasing();
        }
    }

    private void startReleasing() throws Exception {
        Object current = getCurrentKey();
        KeyedStateBackend<String> backend = getKeyedStateBackend();
        // The keys first, then their events: releasing clears state the key scan walks.
        backend.applyToAllKeys(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, stage().heldDescriptor(),
                (key, held) -> {
                    if (stillHolding.add(key)) {
                        toRelease.add(key);
                    }
                });
        if (current != null) {
            setCurrentKey(current);
        }
        scheduleRelease();
    }

    private void scheduleRelease() {
        if (!toRelease.isEmpty()) {
            getProcessingTimeService().registerTimer(getProcessingTimeService().getCurrentProcessingTime(),
                    time -> releaseBatch());
        }
    }

    private void releaseBatch() throws Exception {
        for (int i = 0; i < RELEASE_BATCH && !toRelease.isEmpty(); i++) {
            String key = toRelease.poll();
            setCurrentKey(key);
            stage().releaseHeld(key, timers, getCollector());
            stillHolding.remove(key);
        }
        scheduleRelease();
    }

    private ContactStage stage() {
        return (ContactStage) getUserFunction();
    }
}
