package io.leadquality.sela;

import io.leadquality.config.JobConfig;
import io.leadquality.join.JoinKeys;
import io.leadquality.join.SequenceClock;
import io.leadquality.model.LeadEvent;
import io.leadquality.model.LookupOutcome;
import io.leadquality.model.SelaLookup;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;

import java.time.Duration;
import java.util.Collections;

/**
 * Fetches the current Sela state for each event through Flink async I/O. Never fails the job for
 * a slow or broken API: the answer is then {@code FAILED}. A refused token stops the job without
 * restarts, since every retry would be refused too.
 */
public class SelaLookupFunction extends RichAsyncFunction<LeadEvent, LeadEvent> {
    private static final long serialVersionUID = 1L;

    private final JobConfig config;
    private transient SelaClient client;
    private transient Counter found;
    private transient Counter notFound;
    private transient Counter failed;
    private transient Counter refreshesDeferred;
    /** Stamps events without external_id, which no lookup cache has stamped. */
    private transient SequenceClock clock;

    public SelaLookupFunction(JobConfig config) {
        this.config = config;
    }

    /** How long one list filter or id fetch may take from its first request: every attempt timing out, every backoff at its cap. */
    public static Duration lookupBudget(JobConfig config) {
        int attempts = config.selaMaxRetries + 1;
        return config.selaTimeout.multipliedBy(attempts)
                .plus(config.selaRetryMaxBackoff.multipliedBy(config.selaMaxRetries))
                .plusSeconds(1);
    }

    /**
     * Flink's own timeout, a last resort beyond anything the client does: for each of two filters
     * (phone, then email), its budget plus, for every attempt, a wait behind a full queue at the rate limit.
     */
    public static Duration asyncTimeout(JobConfig config) {
        double perInstancePerSecond = config.selaMaxRequestsPerSecond / config.parallelism;
        Duration fullQueue = Duration.ofMillis((long) Math.ceil(config.selaMaxInFlight / perInstancePerSecond * 1000));
        Duration perFilter = lookupBudget(config).plus(fullQueue.multipliedBy(config.selaMaxRetries + 1));
        return perFilter.multipliedBy(2).plusSeconds(5);
    }

    @Override
    public void open(OpenContext openContext) {
        int parallelism = getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks();
        MetricGroup group = getRuntimeContext().getMetricGroup().addGroup("sela");
        found = group.counter("lookupsFound");
        notFound = group.counter("lookupsNotFound");
        failed = group.counter("lookupsFailed");
        refreshesDeferred = group.counter("refreshesDeferred");
        client = new SelaClient(config, SelaToken.resolve(config), 1.0 / parallelism, lookupBudget(config),
                new FlinkSelaClientMetrics(group));
        group.gauge("lookupsInFlight", client::lookupsInFlight);
        group.gauge("refreshesWaiting", client::backgroundWaiting);
        clock = new SequenceClock();
    }

    @Override
    public void asyncInvoke(LeadEvent event, ResultFuture<LeadEvent> resultFuture) {
        if (event.seq == 0) {
            event.seq = clock.next(System.currentTimeMillis());
            event.lookupSeq = event.seq;
        }
        if (event.refresh && !client.admitBackground()) {
            event.refreshDeferred = true;
            refreshesDeferred.inc();
            resultFuture.complete(Collections.singleton(event));
            return;
        }
        (event.refresh ? client.lookupInBackground(LookupQuery.forEvent(event)) : client.lookup(LookupQuery.forEvent(event)))
                .whenComplete((lookup, error) -> {
            if (error instanceof SelaAuthException || error != null && error.getCause() instanceof SelaAuthException) {
                resultFuture.completeExceptionally(new SuppressRestartsException(error));
                return;
            }
            SelaLookup answer = error == null ? lookup
                    : SelaLookup.failed(LookupQuery.forEvent(event).describe(), error.getClass().getSimpleName(), 0);
            resultFuture.complete(Collections.singleton(answered(event, answer)));
        });
    }

    @Override
    public void timeout(LeadEvent event, ResultFuture<LeadEvent> resultFuture) {
        SelaLookup answer = SelaLookup.failed(LookupQuery.forEvent(event).describe(),
                "no answer within " + asyncTimeout(config).toSeconds() + "s", 0);
        resultFuture.complete(Collections.singleton(answered(event, answer)));
    }

    private LeadEvent answered(LeadEvent event, SelaLookup lookup) {
        event.lookup = lookup;
        event.key = JoinKeys.keyOf(event);
        (lookup.outcome == LookupOutcome.FOUND ? found : lookup.outcome == LookupOutcome.NOT_FOUND ? notFound : failed).inc();
        return event;
    }

    @Override
    public void close() throws Exception {
        if (client != null) {
            client.close();
        }
    }
}
