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

import java.util.ArrayList;
import java.util.List;

/**
 * Runs a {@link ContactStage} and, when its {@code LOADED} marker arrives, releases at once every
 * event held on this instance while the list loaded, key by key: a timer per waiting key instead
 * (a million keys when the list is long) fired faster than the list could be read.
 */
public final class ContactStageOperator extends KeyedCoProcessOperator<String, LeadEvent, SuppressionUpdate, LeadEvent> {
    private static final long serialVersionUID = 1L;

    private transient TimerService timers;

    public ContactStageOperator(ContactStage stage) {
        super(stage);
    }

    @Override
    public void open() throws Exception {
        super.open();
        // The function's own timer service: the same name gives the same timers.
        timers = new SimpleTimerService(getInternalTimerService("user-timers", VoidNamespaceSerializer.INSTANCE, this));
    }

    @Override
    public void processElement2(StreamRecord<SuppressionUpdate> element) throws Exception {
        ContactStage stage = (ContactStage) getUserFunction();
        boolean wasLoaded = stage.isLoaded();
        super.processElement2(element);
        if (wasLoaded || !stage.isLoaded()) {
            return;
        }
        Object markerKey = getCurrentKey();
        // The keys first, then their events: releasing clears state the key scan walks.
        List<String> waiting = new ArrayList<>();
        KeyedStateBackend<String> backend = getKeyedStateBackend();
        backend.applyToAllKeys(VoidNamespace.INSTANCE, VoidNamespaceSerializer.INSTANCE, stage.heldDescriptor(),
                (key, held) -> waiting.add(key));
        for (String key : waiting) {
            setCurrentKey(key);
            stage.releaseHeld(key, timers, getCollector());
        }
        setCurrentKey(markerKey);
    }
}
