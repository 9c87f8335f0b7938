package io.leadquality.model;

import java.util.Arrays;

/**
 * The calls made to a lead or a phone, by the identity SPEC section 8 gives them (Sela id and call_count), so a
 * call that fires several triggers, or a webhook delivered twice, counts once. Newest last, the
 * oldest dropped past {@link #MAX_CALLS}: the frequency caps look back a day, not a lifetime.
 */
public final class CallLog {
    public static final int MAX_CALLS = 32;

    private String[] ids;
    private long[] times;

    /** Null arrays are an empty log: most leads are never called, and hold nothing for it. */
    public CallLog(String[] ids, long[] times) {
        this.ids = ids == null ? new String[0] : ids;
        this.times = times == null ? new long[0] : times;
    }

    public boolean add(String id, long at) {
        for (String known : ids) {
            if (known.equals(id)) {
                return false;
            }
        }
        int keep = Math.min(ids.length, MAX_CALLS - 1);
        String[] newIds = Arrays.copyOfRange(ids, ids.length - keep, ids.length + 1);
        long[] newTimes = Arrays.copyOfRange(times, times.length - keep, times.length + 1);
        newIds[keep] = id;
        newTimes[keep] = at;
        ids = newIds;
        times = newTimes;
        return true;
    }

    public String[] ids() {
        return ids;
    }

    public long[] times() {
        return times;
    }
}
