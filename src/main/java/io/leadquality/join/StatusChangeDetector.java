package io.leadquality.join;

import io.leadquality.model.SelaLead;
import io.leadquality.model.StatusChange;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The tracked Sela fields that differ between the held and a newer snapshot (SPEC section 4). The
 * first snapshot of a key compares against all-null, so each of its non-null values is reported once.
 */
final class StatusChangeDetector {
    private StatusChangeDetector() {}

    /**
     * @param since per tracked field, the modified_time (micros) at which it took its held value;
     *              updated to the fetched snapshot's for every field that changed
     */
    static List<StatusChange> detect(String key, SelaLead held, SelaLead fetched, Long[] since, long now) {
        List<StatusChange> changes = new ArrayList<>(2);
        for (TrackedField field : TrackedField.values()) {
            String from = field.valueOf(held);
            String to = field.valueOf(fetched);
            boolean changed = !Objects.equals(from, to);
            if (changed) {
                changes.add(change(key, fetched, field, from, to, held == null ? null : since[field.ordinal()], now));
            }
            if (changed || held == null) {
                since[field.ordinal()] = fetched.modifiedMicros;
            }
        }
        return changes;
    }

    private static StatusChange change(String key, SelaLead fetched, TrackedField field, String from, String to,
                                       Long previousSince, long now) {
        StatusChange change = new StatusChange();
        change.externalId = key;
        change.selaId = fetched.id;
        change.field = field.wireName;
        change.from = from;
        change.to = to;
        change.changedAtMicros = fetched.modifiedMicros;
        change.observedAt = now;
        change.secondsInPrevious = previousSince == null || fetched.modifiedMicros == null
                ? null : Math.max(0, (fetched.modifiedMicros - previousSince) / 1_000_000L);
        return change;
    }
}
