package io.leadquality.join;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RefreshPacerTest {
    private static final long T0 = 1_800_000_000_000L;

    @Test
    void beforeAnyAnswerTheBacklogIsPricedAtTheConfiguredRate() {
        RefreshPacer pacer = new RefreshPacer(25);
        assertThat(pacer.pauseMillis(10, T0)).isEqualTo(RefreshPacer.MIN_PAUSE_MS);
        assertThat(pacer.pauseMillis(2_500, T0)).isEqualTo(100_000); // 2,500 at 25/s
        assertThat(pacer.pauseMillis(1_000_000, T0)).isEqualTo(40_000_000); // 11 h: the limit's pace
    }

    @Test
    void aLimitAboveWhatIsDeliveredIsPricedAtTheDrainSeen() {
        RefreshPacer pacer = new RefreshPacer(100_000); // "no limit"
        for (int s = 0; s < 60; s++) { // 200 answered each second for a minute
            for (int i = 0; i < 200; i++) {
                pacer.answered(T0 + s * 1000L + i * 5L);
            }
        }
        long now = T0 + 60_000;
        assertThat(pacer.drainPerSecond(now)).isBetween(180.0, 220.0);
        assertThat(pacer.pauseMillis(500_000, now)).as("500,000 at ~200/s").isBetween(2_250_000L, 2_800_000L);
    }

    @Test
    void theConfiguredRateStaysTheCeiling() {
        RefreshPacer pacer = new RefreshPacer(10);
        for (int i = 0; i < 1_000; i++) {
            pacer.answered(T0 + i * 10L); // 100/s observed, above the limit (a burst)
        }
        assertThat(pacer.pauseMillis(1_000, T0 + 10_000)).isEqualTo(100_000);
    }

    @Test
    void theFirstSecondsAreNotReadAsAMinuteOfSlowDrain() {
        RefreshPacer pacer = new RefreshPacer(1_000);
        for (int i = 0; i < 500; i++) {
            pacer.answered(T0 + i * 10L); // 100/s for 5 s
        }
        assertThat(pacer.drainPerSecond(T0 + 5_000)).isBetween(90.0, 110.0);
    }

    @Test
    void answersOlderThanTheWindowNoLongerCount() {
        RefreshPacer pacer = new RefreshPacer(50);
        for (int i = 0; i < 1_000; i++) {
            pacer.answered(T0 + i);
        }
        long later = T0 + 10 * 60_000;
        assertThat(pacer.drainPerSecond(later)).isZero();
        assertThat(pacer.pauseMillis(500, later)).as("nothing drained lately: the configured pace").isEqualTo(10_000);
    }

    @Test
    void refreshRequestsGoOutAtTheConfiguredRateAtMost() {
        RefreshPacer pacer = new RefreshPacer(25);
        int admitted = 0;
        for (int i = 0; i < 1_000; i++) {
            admitted += pacer.tryAdmit(T0) ? 1 : 0;
        }
        assertThat(admitted).as("a second's burst").isEqualTo(25);
        assertThat(pacer.tryAdmit(T0 + 39)).isFalse();
        assertThat(pacer.tryAdmit(T0 + 40)).as("one more each 40 ms").isTrue();
        admitted = 0;
        for (long t = T0 + 41; t < T0 + 10_041; t += 5) {
            admitted += pacer.tryAdmit(t) ? 1 : 0;
        }
        assertThat(admitted).isBetween(249, 251); // ten seconds at 25/s
        assertThat(new RefreshPacer(0.2).tryAdmit(T0)).as("a rate below one a second still admits one").isTrue();
    }
}
