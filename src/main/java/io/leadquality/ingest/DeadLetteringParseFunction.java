package io.leadquality.ingest;

import io.leadquality.model.DeadLetter;
import io.leadquality.model.DeadLetterCode;
import io.leadquality.model.RawRecord;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

/** Parses input records; whatever cannot be used leaves through {@link #DEAD_LETTERS}, never as a crash. */
public abstract class DeadLetteringParseFunction<T> extends ProcessFunction<RawRecord, T> {
    private static final long serialVersionUID = 1L;
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};

    private final String parsedMetric;
    private final String deadLetteredMetric;
    private transient Counter parsed;
    private transient Counter deadLettered;

    protected DeadLetteringParseFunction(String parsedMetric, String deadLetteredMetric) {
        this.parsedMetric = parsedMetric;
        this.deadLetteredMetric = deadLetteredMetric;
    }

    /** Builds the parser; called once per task. */
    protected abstract void openParser();

    protected abstract T parse(RawRecord record) throws InvalidLeadException;

    @Override
    public void open(OpenContext openContext) {
        openParser();
        parsed = getRuntimeContext().getMetricGroup().counter(parsedMetric);
        deadLettered = getRuntimeContext().getMetricGroup().counter(deadLetteredMetric);
    }

    @Override
    public void processElement(RawRecord record, Context ctx, Collector<T> out) {
        long now = ctx.timerService().currentProcessingTime();
        try {
            out.collect(parse(record));
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
