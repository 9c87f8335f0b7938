package io.leadquality.suppression;

import io.leadquality.model.SuppressionUpdate;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.ReadOnlyBroadcastState;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;

import java.util.Map;

/**
 * The suppression list as every parallel instance of the join holds it (broadcast state): per
 * phone or email, its newest record, REMOVEs kept as tombstones so a replayed older ADD cannot win.
 */
public final class SuppressionList {
    /** Per identity ({@code phone_number:...}, {@code email:...}), the newest record. */
    public static final MapStateDescriptor<String, SuppressionUpdate> ENTRIES = new MapStateDescriptor<>(
            "suppression-list", Types.STRING, TypeInformation.of(SuppressionUpdate.class));
    /** Holds {@link #LOADED_KEY} once the topic has been read to the end it had when the job first started. */
    public static final MapStateDescriptor<String, Boolean> STATUS = new MapStateDescriptor<>(
            "suppression-list-status", Types.STRING, Types.BOOLEAN);
    public static final String LOADED_KEY = "loaded";

    private final ReadOnlyBroadcastState<String, SuppressionUpdate> entries;

    public SuppressionList(ReadOnlyBroadcastState<String, SuppressionUpdate> entries) {
        this.entries = entries;
    }

    public static boolean isLoaded(ReadOnlyBroadcastState<String, Boolean> status) throws Exception {
        return Boolean.TRUE.equals(status.get(LOADED_KEY));
    }

    /** The active ADD entry for any of the lead's phones or emails (nulls skipped), else null. */
    public SuppressionUpdate match(String phone1, String phone2, String email1, String email2) throws Exception {
        SuppressionUpdate entry = active(phone1 == null ? null : SuppressionUpdate.phoneIdentity(phone1));
        if (entry == null && phone2 != null && !phone2.equals(phone1)) {
            entry = active(SuppressionUpdate.phoneIdentity(phone2));
        }
        if (entry == null && email1 != null) {
            entry = active(SuppressionUpdate.emailIdentity(email1));
        }
        if (entry == null && email2 != null && !email2.equals(email1)) {
            entry = active(SuppressionUpdate.emailIdentity(email2));
        }
        return entry;
    }

    public static long countActive(ReadOnlyBroadcastState<String, SuppressionUpdate> entries) throws Exception {
        long active = 0;
        for (Map.Entry<String, SuppressionUpdate> entry : entries.immutableEntries()) {
            if (entry.getValue().isActive()) {
                active++;
            }
        }
        return active;
    }

    private SuppressionUpdate active(String identity) throws Exception {
        if (identity == null) {
            return null;
        }
        SuppressionUpdate entry = entries.get(identity);
        return entry != null && entry.isActive() ? entry : null;
    }
}
