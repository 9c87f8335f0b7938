package io.leadquality.sela;

/**
 * A non-blocking rate limit: each caller reserves the next free slot and is told how long to wait
 * for it, so requests are spaced evenly and no thread sleeps.
 */
final class RateLimiter {
    private final long intervalNanos;
    private long nextFreeNanos;

    long intervalNanos() {
        return intervalNanos;
    }

    RateLimiter(double permitsPerSecond) {
        this.intervalNanos = Math.max(1L, (long) (1_000_000_000L / permitsPerSecond));
    }

    /**
     * A permit now, only if no one is waiting for one: background work (refreshes) uses what the
     * limit leaves, so it never pushes a new lead's lookup further back than one interval.
     */
    synchronized boolean tryReserveIdle(long nowNanos) {
        if (nextFreeNanos > nowNanos) {
            return false;
        }
        // From the free slot, not from now (up to one interval back): a dispatch tick that runs a few
        // milliseconds late would otherwise push every later slot back, and the next tick find none free.
        nextFreeNanos = Math.max(nextFreeNanos, nowNanos - intervalNanos) + intervalNanos;
        return true;
    }

    /** Reserves one permit; returns the nanoseconds to wait before using it. */
    synchronized long reserve(long nowNanos) {
        long slot = Math.max(nowNanos, nextFreeNanos);
        nextFreeNanos = slot + intervalNanos;
        return slot - nowNanos;
    }
}
