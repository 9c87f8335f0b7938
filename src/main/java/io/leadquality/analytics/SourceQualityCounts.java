package io.leadquality.analytics;

import io.leadquality.model.Flag;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

import java.util.HashMap;
import java.util.Map;

/**
 * One window's counts for one lead source and type, as events arrive: the leads seen (each with the
 * flags any of its events carried), the events, the failed lookups. Flink POJO, with its type given
 * ({@link #TYPE}) so the map is not left to Kryo.
 */
public class SourceQualityCounts {
    public static final TypeInformation<SourceQualityCounts> TYPE = Types.POJO(SourceQualityCounts.class, Map.of(
            "events", Types.LONG, "lookupsFailed", Types.LONG, "flagsByLead", Types.MAP(Types.STRING, Types.INT)));

    public long events;
    public long lookupsFailed;
    /** Per external_id, its flags' bits (OR of its events'). */
    public Map<String, Integer> flagsByLead = new HashMap<>();

    public SourceQualityCounts() {}

    public void add(QualityObservation seen) {
        events++;
        if (seen.lookupFailed) {
            lookupsFailed++;
        }
        flagsByLead.merge(seen.externalId, seen.flags, (a, b) -> a | b);
    }

    public void addAll(SourceQualityCounts other) {
        events += other.events;
        lookupsFailed += other.lookupsFailed;
        other.flagsByLead.forEach((lead, flags) -> flagsByLead.merge(lead, flags, (a, b) -> a | b));
    }

    /** The leads that carried {@code flag} on any of their events in the window. */
    public long leadsFlagged(Flag flag) {
        int bit = 1 << flag.ordinal();
        return flagsByLead.values().stream().filter(flags -> (flags & bit) != 0).count();
    }
}
