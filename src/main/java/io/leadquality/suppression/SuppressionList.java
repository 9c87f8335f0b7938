package io.leadquality.suppression;

import io.leadquality.model.SuppressionUpdate;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;

import java.util.ArrayList;
import java.util.List;

/**
 * The suppression list (SPEC sections 7 and 9) is held per phone and per e-mail by the contact
 * stages, keyed like the events. This is how they learn that it has been read to its end, and what
 * is left of the broadcast state that held it before.
 */
public final class SuppressionList {
    /**
     * Where the join held the list, as broadcast state, before the contact stages held it: read only
     * to be emptied when a savepoint from then is restored (the list is read again from its topic).
     */
    public static final MapStateDescriptor<String, SuppressionUpdate> LEGACY_ENTRIES = new MapStateDescriptor<>(
            "suppression-list", Types.STRING, TypeInformation.of(SuppressionUpdate.class));
    public static final MapStateDescriptor<String, Boolean> LEGACY_STATUS = new MapStateDescriptor<>(
            "suppression-list-status", Types.STRING, Types.BOOLEAN);
    private static final String MARKER_PREFIX = "list-loaded#";

    private SuppressionList() {}

    /**
     * The LOADED markers sent once the list is read to its end: one per key group of a stage with
     * {@code maxParallelism}, each keyed to its group. Sent on the same channel as the entries, after
     * them, each parallel instance gets at least one, and only after every entry it owns, whatever
     * the parallelism.
     */
    public static List<SuppressionUpdate> loadedMarkers(int maxParallelism) {
        SuppressionUpdate[] byGroup = new SuppressionUpdate[maxParallelism];
        int missing = maxParallelism;
        for (int n = 0; missing > 0; n++) {
            String key = MARKER_PREFIX + n;
            int group = KeyGroupRangeAssignment.assignToKeyGroup(key, maxParallelism);
            if (byGroup[group] == null) {
                SuppressionUpdate marker = SuppressionUpdate.loaded();
                marker.identity = key;
                byGroup[group] = marker;
                missing--;
            }
        }
        return new ArrayList<>(List.of(byGroup));
    }

    /** The max parallelism a stage runs with: the environment's when set, else Flink's default for its parallelism. */
    public static int maxParallelismOf(int configured, int parallelism) {
        return configured > 0 ? configured : KeyGroupRangeAssignment.computeDefaultMaxParallelism(parallelism);
    }
}
