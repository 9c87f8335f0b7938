package io.leadquality.analytics;

import org.apache.flink.api.common.functions.AggregateFunction;

/** Folds one lead's observations in a window into a {@link LeadInWindow}. */
public class LeadInWindowAggregate implements AggregateFunction<QualityObservation, LeadInWindow, LeadInWindow> {
    private static final long serialVersionUID = 1L;

    @Override
    public LeadInWindow createAccumulator() {
        return new LeadInWindow();
    }

    @Override
    public LeadInWindow add(QualityObservation seen, LeadInWindow lead) {
        lead.leadSource = seen.leadSource;
        lead.leadType = seen.leadType;
        lead.events++;
        lead.flags |= seen.flags;
        if (seen.lookupFailed) {
            lead.lookupsFailed++;
        }
        return lead;
    }

    @Override
    public LeadInWindow getResult(LeadInWindow lead) {
        return lead;
    }

    @Override
    public LeadInWindow merge(LeadInWindow a, LeadInWindow b) {
        a.events += b.events;
        a.flags |= b.flags;
        a.lookupsFailed += b.lookupsFailed;
        return a;
    }
}
