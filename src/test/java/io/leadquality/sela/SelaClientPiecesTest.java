package io.leadquality.sela;

import io.leadquality.model.LeadEvent;
import io.leadquality.testkit.LeadEvents;
import io.leadquality.testkit.TestConfigs;
import org.junit.jupiter.api.Test;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class SelaClientPiecesTest {

    @Test
    void retryAfterInSecondsOrAsADate() {
        assertThat(SelaClient.retryAfterNanos("3")).isEqualTo(TimeUnit.SECONDS.toNanos(3));
        String inTenSeconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.now().plusSeconds(10));
        assertThat(SelaClient.retryAfterNanos(inTenSeconds)).isBetween(TimeUnit.SECONDS.toNanos(8), TimeUnit.SECONDS.toNanos(10));
        assertThat(SelaClient.retryAfterNanos("soon")).isNull();
        assertThat(SelaClient.retryAfterNanos(null)).isNull();
    }

    @Test
    void backoffGrowsWithJitterUpToItsCap() throws Exception {
        try (SelaClient client = new SelaClient(TestConfigs.with("sela.retry-backoff", "100ms", "sela.retry-max-backoff", "1s"),
                SelaToken.of("t"), 1, java.time.Duration.ofSeconds(30), SelaClientMetrics.NONE)) {
            for (int i = 0; i < 50; i++) {
                assertThat(client.backoffNanos(1)).isBetween(TimeUnit.MILLISECONDS.toNanos(50), TimeUnit.MILLISECONDS.toNanos(100));
                assertThat(client.backoffNanos(3)).isBetween(TimeUnit.MILLISECONDS.toNanos(200), TimeUnit.MILLISECONDS.toNanos(400));
                assertThat(client.backoffNanos(30)).isBetween(TimeUnit.MILLISECONDS.toNanos(500), TimeUnit.SECONDS.toNanos(1));
            }
        }
    }

    @Test
    void rateLimiterSpacesPermitsEvenly() {
        RateLimiter limiter = new RateLimiter(10); // one per 100 ms
        long t0 = 1_000_000_000L;
        assertThat(limiter.reserve(t0)).isZero();
        assertThat(limiter.reserve(t0)).isEqualTo(TimeUnit.MILLISECONDS.toNanos(100));
        assertThat(limiter.reserve(t0)).isEqualTo(TimeUnit.MILLISECONDS.toNanos(200));
        assertThat(limiter.reserve(t0 + TimeUnit.SECONDS.toNanos(5))).isZero(); // idle time is not banked as a burst
    }

    @Test
    void idlePermitsAreNotLostToDispatchTicksThatRunLate() {
        RateLimiter limiter = new RateLimiter(25); // one per 40 ms, the dispatch tick
        long t0 = 1_000_000_000L;
        long[] ticksMillis = {0, 41, 80, 121, 160, 203, 240};
        for (long tick : ticksMillis) {
            assertThat(limiter.tryReserveIdle(t0 + TimeUnit.MILLISECONDS.toNanos(tick))).as("tick at %d ms", tick).isTrue();
        }
        assertThat(limiter.tryReserveIdle(t0 + TimeUnit.MILLISECONDS.toNanos(241))).as("no more than the rate").isFalse();
        long later = t0 + TimeUnit.SECONDS.toNanos(5);
        assertThat(limiter.tryReserveIdle(later)).isTrue();
        assertThat(limiter.tryReserveIdle(later)).as("idle time is not banked beyond one slot").isTrue();
        assertThat(limiter.tryReserveIdle(later)).isFalse();
        assertThat(limiter.reserve(later)).as("a new lead waits at most one interval behind them")
                .isEqualTo(TimeUnit.MILLISECONDS.toNanos(40));
    }

    @Test
    void queriesFollowSelasMatchingOrder() {
        LeadEvent withId = LeadEvents.event("crm-1");
        withId.selaId = 28013L;
        assertThat(LookupQuery.forEvent(withId).describe()).isEqualTo("id=28013");
        assertThat(LookupQuery.forEvent(LeadEvents.event("crm-1")).describe()).isEqualTo("external_id=crm-1");
        LeadEvent anonymous = LeadEvents.event("x");
        anonymous.externalId = null;
        anonymous.email = "a@b.com";
        assertThat(LookupQuery.forEvent(anonymous).describe()).isEqualTo("phone_number=+18042221111, then email=a@b.com");
    }

    @Test
    void theTokenNeverPrints() {
        assertThat(SelaToken.of("s3cr3t").toString()).doesNotContain("s3cr3t");
    }
}
