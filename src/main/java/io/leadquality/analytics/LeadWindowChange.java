package io.leadquality.analytics;

import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/**
 * Each time a lead's window fires (when it closes, then once per late event within the lateness), sends
 * on what changed since it last fired, so the per-source windows can sum changes instead of keeping
 * every lead. What was sent lives in the window's own state, dropped with the window.
 */
public class LeadWindowChange extends ProcessWindowFunction<LeadInWindow, QualityChange, String, TimeWindow> {
    private static final long serialVersionUID = 1L;
    /** Observations that arrive after their window's allowed lateness, counted by {@link TooLateCounter}. */
    public static final OutputTag<QualityObservation> TOO_LATE = new OutputTag<>("source-quality-too-late") {};
    private static final ValueStateDescriptor<LeadInWindow> SENT = new ValueStateDescriptor<>("sent", LeadInWindow.class);

    @Override
    public void process(String key, Context context, Iterable<LeadInWindow> elements, Collector<QualityChange> out)
            throws Exception {
        LeadInWindow now = elements.iterator().next();
        ValueState<LeadInWindow> sent = context.windowState().getState(SENT);
        QualityChange change = changeSince(sent.value(), now);
        if (change != null) {
            out.collect(change);
            sent.update(now.copy());
        }
    }

    @Override
    public void clear(Context context) throws Exception {
        context.windowState().getState(SENT).clear();
    }

    /** What {@code now} adds to {@code before} (null: the lead's first firing); null when nothing changed. */
    static QualityChange changeSince(LeadInWindow before, LeadInWindow now) {
        QualityChange change = new QualityChange();
        change.leadSource = now.leadSource;
        change.leadType = now.leadType;
        change.events = now.events - (before == null ? 0 : before.events);
        change.leads = before == null ? 1 : 0;
        change.newFlags = now.flags & ~(before == null ? 0 : before.flags);
        change.lookupsFailed = now.lookupsFailed - (before == null ? 0 : before.lookupsFailed);
        boolean nothing = change.events == 0 && change.leads == 0 && change.newFlags == 0 && change.lookupsFailed == 0;
        return nothing ? null : change;
    }
}
