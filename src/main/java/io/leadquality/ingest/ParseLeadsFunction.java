package io.leadquality.ingest;

import io.leadquality.config.JobConfig;
import io.leadquality.model.DeadLetter;
import io.leadquality.model.LeadEvent;
import io.leadquality.model.RawRecord;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import io.leadquality.model.DeadLetterCode;

/** Parses input records; whatever cannot be used leaves through {@link #DEAD_LETTERS}, never as a crash. */
public class ParseLeadsFunction extends ProcessFunction<RawRecord, LeadEvent> {
    private static final long serialVersionUID = 1L;
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};

    private final JobConfig config;
    private transient LeadParser parser;
    private transient Counter parsed;
    private transient Counter deadLettered;

    public ParseLeadsFunction(JobConfig config) {
        this.config = config;
    }

    @Override
    public void open(OpenContext openContext) {
        parser = new LeadParser(config);
        parsed = getRuntimeContext().getMetricGroup().counter("leadsParsed");
        deadLettered = getRuntimeContext().getMetricGroup().counter("leadsDeadLettered");
    }

    @Override
    public void processElement(RawRecord record, Context ctx, Collector<LeadEvent> out) {
        long now = ctx.timerService().currentProcessingTime();
        try {
            out.collect(parser.parse(record));
            parsed.inc();
        } catch (InvalidLeadException e) {
            ctx.output(DEAD_LETTERS, DeadLetter.of(record, e.code(), e.getMessage(), now));
            deadLettered.inc();
        } catch (RuntimeException e) {
            // A parser bug must not stop the job or lose the record: dead-letter it with what we know.
            ctx.output(DEAD_LETTERS, DeadLetter.of(record, DeadLetterCode.INVALID_FIELD,
                    "The record could not be read: " + e.getClass().getSimpleName(), now));
            deadLettered.inc();
        }
    }
}
