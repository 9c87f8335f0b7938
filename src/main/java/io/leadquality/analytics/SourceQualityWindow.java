package io.leadquality.analytics;

import io.leadquality.model.Flag;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Writes a window's counts as a record when it closes, and again with a higher {@code revision} each
 * time late events within the allowed lateness change it (SPEC section 11). The revision lives in the
 * window's own state, dropped with the window.
 */
public class SourceQualityWindow extends ProcessWindowFunction<SourceQualityCounts, SourceQuality, String, TimeWindow> {
    private static final long serialVersionUID = 1L;
    /** The output's flags sorted by name, as everywhere else. */
    private static final List<Flag> FLAGS_BY_NAME = Arrays.stream(Flag.values())
            .sorted(Comparator.comparing(Flag::name)).toList();
    private static final ValueStateDescriptor<Integer> REVISION = new ValueStateDescriptor<>("revision", Integer.class);

    @Override
    public void process(String key, Context context, Iterable<SourceQualityCounts> elements, Collector<SourceQuality> out)
            throws Exception {
        SourceQualityCounts counts = elements.iterator().next();
        ValueState<Integer> revision = context.windowState().getState(REVISION);
        int next = revision.value() == null ? 0 : revision.value() + 1;
        revision.update(next);
        SourceQuality record = record(key, context.window(), counts, next);
        record.writtenAt = context.currentProcessingTime();
        out.collect(record);
    }

    @Override
    public void clear(Context context) throws Exception {
        context.windowState().getState(REVISION).clear();
    }

    static SourceQuality record(String key, TimeWindow window, SourceQualityCounts counts, int revision) {
        SourceQuality quality = new SourceQuality();
        int bar = key.lastIndexOf('|');
        quality.leadSource = key.substring(0, bar);
        quality.leadType = key.substring(bar + 1);
        quality.windowStart = window.getStart();
        quality.windowEnd = window.getEnd();
        quality.events = counts.events;
        quality.leads = counts.leads;
        List<String> names = new ArrayList<>();
        List<Long> flagged = new ArrayList<>();
        for (Flag flag : FLAGS_BY_NAME) {
            long leads = counts.leadsFlagged(flag);
            if (leads > 0) {
                names.add(flag.name());
                flagged.add(leads);
            }
        }
        quality.flaggedNames = names.toArray(new String[0]);
        quality.flaggedCounts = flagged.stream().mapToLong(Long::longValue).toArray();
        quality.notInSela = counts.leadsFlagged(Flag.NOT_IN_SELA);
        quality.duplicates = counts.events - quality.leads;
        quality.lookupsFailed = counts.lookupsFailed;
        quality.revision = revision;
        return quality;
    }

}
