package io.leadquality.join;

/**
 * Paces this instance's refreshes against the lookup budget. It sends refresh requests out at no more
 * than this instance's share of the rate limit ({@link #tryAdmit}): more could never be looked up, and
 * every one sent goes round through Kafka, the cache and the lookup stage only to be handed back. And it
 * says how long a refresh the budget had no room for waits before it asks again ({@link #pauseMillis}):
 * about as long as the backlog ahead of it takes to drain, at least {@link #MIN_PAUSE_MS}.
 *
 * <p>The drain rate is the slower of this instance's share of the rate limit and the refreshes it
 * actually got answered lately. A limit set far above what Sela (or the machine) delivers would
 * otherwise price the backlog at the limit's pace, and a million deferred refreshes would circle
 * through Kafka every few seconds asking in vain. Not capped at the refresh interval: a million
 * leads at 50 lookups/s take hours to refresh whatever the job does.
 *
 * <p>Per parallel instance, in processing time, not checkpointed: after a restore it learns the
 * drain again from the configured rate.
 */
final class RefreshPacer {
    /** The shortest pause before a deferred refresh asks again. */
    static final long MIN_PAUSE_MS = 5_000;
    private static final long BUCKET_MS = 5_000;
    private static final int BUCKETS = 12; // a minute of answers

    private final double configuredPerSecond;
    private final long[] answers = new long[BUCKETS];
    private final long[] bucketStart = new long[BUCKETS];
    private long firstAnswerAt = -1;
    private double tokens;
    private long tokensAt = Long.MIN_VALUE;

    /** @param configuredPerSecond this instance's share of the rate limit */
    RefreshPacer(double configuredPerSecond) {
        this.configuredPerSecond = Math.max(configuredPerSecond, 0.001);
    }

    /** Whether a refresh request may go out now: at most the configured rate, in bursts of up to a second's worth. */
    boolean tryAdmit(long now) {
        double burst = Math.max(1, configuredPerSecond);
        if (tokensAt == Long.MIN_VALUE) {
            tokens = burst;
        } else if (now > tokensAt) {
            tokens = Math.min(burst, tokens + (now - tokensAt) * configuredPerSecond / 1000);
        }
        tokensAt = Math.max(now, tokensAt);
        if (tokens < 1) {
            return false;
        }
        tokens--;
        return true;
    }

    /** A refresh of this instance was answered at {@code now}. */
    void answered(long now) {
        if (firstAnswerAt < 0) {
            firstAnswerAt = now;
        }
        long start = now - Math.floorMod(now, BUCKET_MS);
        int i = (int) Math.floorMod(start / BUCKET_MS, (long) BUCKETS);
        if (bucketStart[i] != start) {
            bucketStart[i] = start;
            answers[i] = 0;
        }
        answers[i]++;
    }

    /** Refreshes answered per second over the last minute (or since the first answer); -1 before any. */
    double drainPerSecond(long now) {
        if (firstAnswerAt < 0) {
            return -1;
        }
        long windowStart = now - BUCKETS * BUCKET_MS;
        long count = 0;
        for (int i = 0; i < BUCKETS; i++) {
            if (bucketStart[i] > windowStart && bucketStart[i] <= now) {
                count += answers[i];
            }
        }
        long span = Math.max(BUCKET_MS, Math.min(now - firstAnswerAt, BUCKETS * BUCKET_MS));
        return count * 1000.0 / span;
    }

    /** The pause before a deferred refresh with {@code backlog} refreshes ahead of it asks again. */
    long pauseMillis(long backlog, long now) {
        double observed = drainPerSecond(now);
        // Nothing drained lately, though refreshes were answered before: the limit is taken by new
        // leads; assume the configured pace rather than a pause without end.
        double rate = observed > 0 ? Math.min(configuredPerSecond, observed) : configuredPerSecond;
        long drain = (long) (backlog / rate * 1000);
        return Math.max(MIN_PAUSE_MS, drain);
    }
}
