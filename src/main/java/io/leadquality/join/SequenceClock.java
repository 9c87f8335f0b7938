package io.leadquality.join;

/**
 * Strictly increasing stamps from the wall clock, in microseconds. They order everything one
 * instance stamps (so every event of a key, since a key has one instance), and stamps of different
 * instances as far as their clocks agree. Not state: after a restart the clock has moved on.
 */
public final class SequenceClock {
    private long last;

    public long next(long nowMillis) {
        long stamp = Math.max(nowMillis * 1000, last + 1);
        last = stamp;
        return stamp;
    }
}
