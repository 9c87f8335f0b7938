package io.leadquality.analytics;

import io.leadquality.model.Flag;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

import java.util.Arrays;
import java.util.Map;

/**
 * One window's counts for one lead source and type, summed from its leads' changes: the events, the
 * leads, per flag the leads that carried it, the failed lookups. Of fixed size however many leads the
 * source sends. Flink POJO, with its type given ({@link #TYPE}).
 */
public class SourceQualityCounts {
    public static final TypeInformation<SourceQualityCounts> TYPE = Types.POJO(SourceQualityCounts.class, Map.of(
            "events", Types.LONG, "leads", Types.LONG, "lookupsFailed", Types.LONG,
            "leadsByFlag", Types.PRIMITIVE_ARRAY(Types.LONG)));

    public long events;
    public long leads;
    public long lookupsFailed;
    /** Indexed by {@link Flag#ordinal()}: the leads that carried the flag on any of their events in the window. */
    public long[] leadsByFlag = new long[Flag.values().length];

    public SourceQualityCounts() {}

    public void add(QualityChange change) {
        events += change.events;
        leads += change.leads;
        lookupsFailed += change.lookupsFailed;
        for (int flags = change.newFlags; flags != 0; flags &= flags - 1) {
            int flag = Integer.numberOfTrailingZeros(flags);
            if (flag >= leadsByFlag.length) { // restored from before a flag was added
                leadsByFlag = Arrays.copyOf(leadsByFlag, Flag.values().length);
            }
            leadsByFlag[flag]++;
        }
    }

    public void addAll(SourceQualityCounts other) {
        events += other.events;
        leads += other.leads;
        lookupsFailed += other.lookupsFailed;
        if (other.leadsByFlag.length > leadsByFlag.length) {
            leadsByFlag = Arrays.copyOf(leadsByFlag, other.leadsByFlag.length);
        }
        for (int i = 0; i < other.leadsByFlag.length; i++) {
            leadsByFlag[i] += other.leadsByFlag[i];
        }
    }

    /** The leads that carried {@code flag} on any of their events in the window. */
    public long leadsFlagged(Flag flag) {
        return flag.ordinal() < leadsByFlag.length ? leadsByFlag[flag.ordinal()] : 0;
    }

    @Override
    public String toString() {
        return "events=" + events + " leads=" + leads + " lookupsFailed=" + lookupsFailed + " leadsByFlag="
                + Arrays.toString(leadsByFlag);
    }
}
