package io.leadquality.workflow;

import io.leadquality.model.LeadEvent;
import org.apache.flink.api.java.functions.KeySelector;

/** Keys events by their join key (external_id, see {@code JoinKeys}). */
public class LeadKey implements KeySelector<LeadEvent, String> {
    private static final long serialVersionUID = 1L;

    @Override
    public String getKey(LeadEvent event) {
        return event.key;
    }
}
