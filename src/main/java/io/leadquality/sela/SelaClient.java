package io.leadquality.sela;

import io.leadquality.config.JobConfig;
import io.leadquality.model.LookupOutcome;
import io.leadquality.model.SelaLead;
import io.leadquality.model.SelaLookup;
import io.netty.handler.ssl.SslContext;
import org.asynchttpclient.AsyncHttpClient;
import org.asynchttpclient.BoundRequestBuilder;
import org.asynchttpclient.DefaultAsyncHttpClientConfig;
import org.asynchttpclient.Dsl;
import org.asynchttpclient.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Non-blocking Sela lookups: rate-limited, retried with exponential backoff and jitter on 429
 * (honouring Retry-After), 5xx and connection errors, never on other 4xx; identical lookups in
 * flight at once share one HTTP call. A lookup never fails: when retries are spent it answers
 * {@code FAILED}. Only a refused token (401/403) fails, with {@link SelaAuthException}.
 */
public class SelaClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SelaClient.class);
    static final int PAGE_SIZE = 100;
    private static final int MAX_BACKGROUND_PER_TICK = 1_000;

    private final String baseUrl;
    private final SelaToken token;
    private final int maxRetries;
    private final Duration backoff;
    private final Duration maxBackoff;
    private final Duration budget;
    private final RateLimiter rateLimiter;
    private final AsyncHttpClient http;
    private final ScheduledExecutorService scheduler;
    private final Map<String, CompletableFuture<SelaLookup>> inFlight = new ConcurrentHashMap<>();
    private final Queue<Runnable> background = new ConcurrentLinkedQueue<>();
    private final AtomicInteger backgroundWaiting = new AtomicInteger();
    private final int maxBackground;
    /** One line per task manager, not one per subtask or request. */
    private static final AtomicBoolean AUTH_FAILURE_LOGGED = new AtomicBoolean();
    private static final long WARNING_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(10);
    private final AtomicLong last429WarningNanos = new AtomicLong(System.nanoTime() - WARNING_INTERVAL_NANOS);
    private final SelaClientMetrics metrics;

    /**
     * @param share this instance's share of the job-wide rate limit (1 / parallelism)
     * @param budget how long one filter (or id fetch) may spend on Sela from its first request,
     *               retries included; waits at the rate limit do not count
     */
    public SelaClient(JobConfig config, SelaToken token, double share, Duration budget, SelaClientMetrics metrics) {
        this.baseUrl = config.selaBaseUrl.toString();
        this.token = token;
        this.maxRetries = config.selaMaxRetries;
        this.backoff = config.selaRetryBackoff;
        this.maxBackoff = config.selaRetryMaxBackoff;
        this.budget = budget;
        this.metrics = metrics;
        this.rateLimiter = new RateLimiter(config.selaMaxRequestsPerSecond * share);
        DefaultAsyncHttpClientConfig.Builder http = Dsl.config()
                .setConnectTimeout(config.selaTimeout)
                .setRequestTimeout(config.selaTimeout)
                .setReadTimeout(config.selaTimeout)
                .setMaxRequestRetry(0)
                .setFollowRedirect(false)
                .setKeepAlive(true)
                .setIoThreadsCount(2)
                .setThreadPoolName("sela-http");
        SslContext tls = SelaTls.sslContext(config);
        if (tls != null) {
            http.setSslContext(tls);
        }
        this.http = Dsl.asyncHttpClient(http);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sela-retry-scheduler");
            t.setDaemon(true);
            return t;
        });
        // A quarter of the in-flight room at most: background work never fills the async queue.
        this.maxBackground = Math.max(1, config.selaMaxInFlight / 4);
        long tick = Math.max(rateLimiter.intervalNanos(), TimeUnit.MILLISECONDS.toNanos(1));
        scheduler.scheduleAtFixedRate(this::dispatchBackground, tick, tick, TimeUnit.NANOSECONDS);
    }

    /** Distinct lookups waiting for Sela (merged ones count once), for the in-flight gauge. */
    public int lookupsInFlight() {
        return inFlight.size();
    }

    /**
     * Whether one more background lookup (a refresh) may wait for a free permit: false once a quarter of
     * the in-flight room waits already, so refreshes never fill the async queue ahead of new leads.
     */
    public boolean admitBackground() {
        return backgroundWaiting.get() < maxBackground;
    }

    /**
     * A background lookup (a refresh) that {@link #admitBackground} admitted: it waits in its own queue
     * and is sent only with a permit the rate limit has free when no lookup for a new event wants it.
     */
    public CompletableFuture<SelaLookup> lookupInBackground(LookupQuery query) {
        CompletableFuture<SelaLookup> result = new CompletableFuture<>();
        backgroundWaiting.incrementAndGet();
        background.add(() -> lookup(query, true).whenComplete((lookup, error) -> {
            if (error != null) {
                result.completeExceptionally(error);
            } else {
                result.complete(lookup);
            }
        }));
        return result;
    }

    /** Every rate-limit interval: a waiting background lookup takes the permit if it is free. */
    private void dispatchBackground() {
        for (int sent = 0; sent < MAX_BACKGROUND_PER_TICK && !background.isEmpty()
                && rateLimiter.tryReserveIdle(System.nanoTime()); sent++) {
            Runnable next = background.poll();
            if (next == null) {
                return; // the permit is spent: at worst one interval of the limit goes unused
            }
            backgroundWaiting.decrementAndGet();
            next.run();
        }
    }

    /** Background lookups waiting for a free permit (the {@code sela.refreshesWaiting} gauge). */
    public int backgroundWaiting() {
        return backgroundWaiting.get();
    }

    /** Looks the query up; concurrent identical queries share one call. */
    public CompletableFuture<SelaLookup> lookup(LookupQuery query) {
        return lookup(query, false);
    }

    private CompletableFuture<SelaLookup> lookup(LookupQuery query, boolean admitted) {
        String mergeKey = query.mergeKey();
        CompletableFuture<SelaLookup> result = new CompletableFuture<>();
        CompletableFuture<SelaLookup> existing = inFlight.putIfAbsent(mergeKey, result);
        if (existing != null) {
            metrics.merged();
            return existing;
        }
        result.whenComplete((r, e) -> inFlight.remove(mergeKey, result));
        if (query.selaId() != null) {
            fetchById(query, result, admitted);
        } else {
            runCriteria(query, 0, 0, result, admitted);
        }
        return result;
    }

    /** {@code GET /api/leads/{id}/}; a lead that is not the event's (another external_id) sends the query on to its external_id. */
    private void fetchById(LookupQuery query, CompletableFuture<SelaLookup> result, boolean admitted) {
        CompletableFuture<SelaLookup> byId = new CompletableFuture<>();
        new Attempt(query, "/api/leads/" + query.selaId() + "/", null, byId).start(admitted);
        byId.whenComplete((lookup, error) -> {
            if (error != null) {
                result.completeExceptionally(error);
            } else if (lookup.outcome == LookupOutcome.FOUND && query.isSomeoneElse(lookup.lead)) {
                metrics.someoneElse();
                runCriteria(query, 0, lookup.attempts, result, false);
            } else {
                result.complete(lookup);
            }
        });
    }

    /** Asks each list filter in turn until one finds a lead (phone, then email). */
    private void runCriteria(LookupQuery query, int index, int attemptsSoFar, CompletableFuture<SelaLookup> result,
                             boolean admitted) {
        LookupQuery.Criterion criterion = query.criteria().get(index);
        CompletableFuture<SelaLookup> step = new CompletableFuture<>();
        new Attempt(query, "/api/leads/", criterion, step).start(admitted);
        step.whenComplete((lookup, error) -> {
            if (error != null) {
                result.completeExceptionally(error);
                return;
            }
            lookup.attempts += attemptsSoFar;
            boolean more = index + 1 < query.criteria().size();
            if (lookup.outcome == LookupOutcome.NOT_FOUND && more) {
                runCriteria(query, index + 1, lookup.attempts, result, false);
            } else {
                lookup.query = query.selaId() == null ? query.describe()
                        : "id=" + query.selaId() + " (another lead's), then " + criterion;
                result.complete(lookup);
            }
        });
    }

    /**
     * One HTTP request, retried as needed until it answers or the budget is spent. The budget starts
     * at the first send, so time queued behind the rate limit does not eat the retries.
     */
    private final class Attempt {
        private final LookupQuery query;
        private final String path;
        private final LookupQuery.Criterion criterion;
        private final CompletableFuture<SelaLookup> result;
        private long deadlineNanos;
        private int attempts;

        Attempt(LookupQuery query, String path, LookupQuery.Criterion criterion, CompletableFuture<SelaLookup> result) {
            this.query = query;
            this.path = path;
            this.criterion = criterion;
            this.result = result;
        }

        private String describe() {
            return criterion != null ? criterion.toString() : query.describe();
        }

        /** @param admitted whether the first request already holds its permit */
        void start(boolean admitted) {
            if (admitted) {
                send();
            } else {
                schedule(0);
            }
        }

        void schedule(long delayNanos) {
            long queued = rateLimiter.reserve(System.nanoTime() + delayNanos);
            if (deadlineNanos != 0) {
                deadlineNanos += queued; // waiting for our turn at the rate limit is not Sela's time
            }
            long wait = delayNanos + queued;
            if (wait <= 0) {
                send();
            } else {
                scheduler.schedule(this::send, wait, TimeUnit.NANOSECONDS);
            }
        }

        private void send() {
            if (attempts++ == 0) {
                deadlineNanos = System.nanoTime() + budget.toNanos();
            }
            metrics.requestSent();
            long started = System.nanoTime();
            BoundRequestBuilder request = http.prepareGet(baseUrl + path)
                    .setHeader("Authorization", token.authorizationHeader())
                    .setHeader("Accept", "application/json");
            if (criterion != null) {
                request.addQueryParam(criterion.name(), criterion.value()).addQueryParam("page_size", Integer.toString(PAGE_SIZE));
            }
            try {
                request.execute().toCompletableFuture().whenComplete((response, error) -> {
                    metrics.latency((System.nanoTime() - started) / 1_000_000L);
                    if (error != null) {
                        onError(error);
                    } else {
                        onResponse(response);
                    }
                });
            } catch (RuntimeException e) {
                onError(e);
            }
        }

        private void onResponse(Response response) {
            int status = response.getStatusCode();
            if (status == 200) {
                try {
                    List<SelaLead> leads = SelaResponseParser.leads(response.getResponseBodyAsBytes());
                    if (leads.isEmpty()) {
                        result.complete(SelaLookup.notFound(describe(), attempts));
                    } else {
                        result.complete(SelaLookup.found(describe(), SelaResponseParser.mostRecent(leads),
                                leads.size(), attempts));
                    }
                } catch (IOException | RuntimeException e) {
                    result.complete(SelaLookup.failed(describe(), "unreadable response: " + e.getMessage(), attempts));
                }
            } else if (status == 404) {
                result.complete(SelaLookup.notFound(describe(), attempts));
            } else if (status == 401 || status == 403) {
                String message = "Sela refused the API token (HTTP " + status + " from " + baseUrl + path
                        + "): check the token in the environment variable or file the job is configured with";
                if (AUTH_FAILURE_LOGGED.compareAndSet(false, true)) {
                    LOG.error(message);
                }
                result.completeExceptionally(new SelaAuthException(message));
            } else if (status == 429) {
                Long retryAfter = retryAfterNanos(response.getHeader("Retry-After"));
                warnThrottled(retryAfter);
                retryOrFail("HTTP 429 Too Many Requests", retryAfter);
            } else if (status >= 500) {
                retryOrFail("HTTP " + status, null);
            } else {
                result.complete(SelaLookup.failed(describe(), "HTTP " + status + " (not retried)", attempts));
            }
        }

        private void onError(Throwable error) {
            retryOrFail(describeFailure(error), null);
        }

        private void retryOrFail(String why, Long retryAfterNanos) {
            if (attempts > maxRetries) {
                result.complete(SelaLookup.failed(describe(), why, attempts));
                return;
            }
            long delay = retryAfterNanos != null ? retryAfterNanos : backoffNanos(attempts);
            if (System.nanoTime() + delay >= deadlineNanos) {
                result.complete(SelaLookup.failed(describe(), why + "; the next retry would overrun the lookup budget",
                        attempts));
                return;
            }
            metrics.retried();
            scheduler.schedule(() -> schedule(0), delay, TimeUnit.NANOSECONDS);
        }
    }

    // One warning per interval: a burst of 429s must not flood the log.
    private void warnThrottled(Long retryAfterNanos) {
        long now = System.nanoTime();
        long last = last429WarningNanos.get();
        if (now - last >= WARNING_INTERVAL_NANOS && last429WarningNanos.compareAndSet(last, now)) {
            LOG.warn("Sela answered 429 Too Many Requests{}; retrying with backoff. Lower sela.max-requests-per-second "
                    + "if this persists", retryAfterNanos == null ? "" : " (Retry-After " + retryAfterNanos / 1_000_000L + " ms)");
        }
    }

    /** What went wrong, in words: the deepest cause that says something (TLS failures hide inside connect errors). */
    static String describeFailure(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof javax.net.ssl.SSLException) {
                return "TLS handshake failed: " + cause.getMessage();
            }
            if (cause instanceof java.util.concurrent.TimeoutException) {
                return "no answer within sela.timeout";
            }
        }
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root instanceof ConnectException) {
            return "connection refused";
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    /** Exponential backoff with full jitter in [half, full] of the step, capped. */
    long backoffNanos(int attempt) {
        long base = backoff.toNanos();
        long step = Math.min(maxBackoff.toNanos(), base << Math.min(attempt - 1, 20));
        return step / 2 + ThreadLocalRandom.current().nextLong(step / 2 + 1);
    }

    /** Retry-After as seconds or an HTTP date; null when absent or unreadable. */
    static Long retryAfterNanos(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        String value = header.strip();
        try {
            return Math.max(0, TimeUnit.SECONDS.toNanos(Long.parseLong(value)));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                return Math.max(0, Duration.between(ZonedDateTime.now(at.getZone()), at).toNanos());
            } catch (RuntimeException notDate) {
                return null;
            }
        }
    }

    @Override
    public void close() throws IOException {
        scheduler.shutdownNow();
        http.close();
    }
}
