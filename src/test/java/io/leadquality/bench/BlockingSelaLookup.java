package io.leadquality.bench;

import io.leadquality.config.JobConfig;
import io.leadquality.join.JoinKeys;
import io.leadquality.model.LeadEvent;
import io.leadquality.sela.LookupQuery;
import io.leadquality.sela.SelaClient;
import io.leadquality.sela.SelaClientMetrics;
import io.leadquality.sela.SelaLookupFunction;
import io.leadquality.sela.SelaToken;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.functions.RichMapFunction;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The plain synchronous alternative the benchmark compares with: a map function that blocks on the
 * same HTTP client until Sela answers, so each instance has one lookup in flight.
 */
final class BlockingSelaLookup extends RichMapFunction<LeadEvent, LeadEvent> {
    private static final long serialVersionUID = 1L;

    private final JobConfig config;
    private transient SelaClient client;

    private BlockingSelaLookup(JobConfig config) {
        this.config = config;
    }

    /** A lookup stage for {@code LeadQualityJob.build}. */
    static DataStream<LeadEvent> stage(DataStream<LeadEvent> events, JobConfig config) {
        return events.map(new BlockingSelaLookup(config)).name("Sela lookup (blocking)").uid("sela-lookup-blocking");
    }

    @Override
    public void open(OpenContext openContext) {
        int parallelism = getRuntimeContext().getTaskInfo().getNumberOfParallelSubtasks();
        client = new SelaClient(config, SelaToken.resolve(config), 1.0 / parallelism,
                SelaLookupFunction.lookupBudget(config), SelaClientMetrics.NONE);
    }

    @Override
    public LeadEvent map(LeadEvent event) throws Exception {
        event.lookup = client.lookup(LookupQuery.forEvent(event)).get();
        event.key = JoinKeys.keyOf(event);
        return event;
    }

    @Override
    public void close() throws Exception {
        if (client != null) {
            client.close();
        }
    }
}
