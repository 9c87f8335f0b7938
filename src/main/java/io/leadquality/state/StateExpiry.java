package io.leadquality.state;

import org.apache.flink.api.common.state.StateTtlConfig;

import java.time.Duration;

/** The one time-to-live every expiring state of the job has, so they all expire, and clean up, alike. */
public final class StateExpiry {
    private StateExpiry() {}

    /**
     * Expires {@code ttl} after the last write; never returns an expired value. On the heap backend
     * each state access also checks one more entry of the state for expiry (Flink's default is five,
     * and that walk cost 7.6% of the job's CPU served from state, docs/benchmarks.md): one keeps the
     * sweep moving with every access, and RocksDB drops expired entries while compacting, as by default.
     */
    public static StateTtlConfig after(Duration ttl) {
        return StateTtlConfig.newBuilder(ttl)
                .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                .cleanupIncrementally(1, false)
                .build();
    }
}
