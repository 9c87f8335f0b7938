package io.leadquality.ingest;

import io.leadquality.model.DeadLetter;
import io.leadquality.model.DeadLetterCode;
import io.leadquality.model.RawRecord;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;

import java.util.EnumMap;
import java.util.Map;

/** Parses input records; whatever cannot be used leaves through {@link #DEAD_LETTERS}, never as a crash. */
public abstract class DeadLetteringParseFunction<T> extends ProcessFunction<RawRecord, T> {
    private static final long serialVersionUID = 1L;
    public static final OutputTag<DeadLetter> DEAD_LETTERS = new OutputTag<>("dead-letters") {};

    private final String parsedMetric;
    private final String deadLetteredMetric;
    private transient Counter parsed;
    private transient Counter deadLettered;
    private transient Map<DeadLetterCode, Counter> deadLetteredByCode;

    protected DeadLetteringParseFunction(String parsedMetric, String deadLetteredMetric) {
        this.parsedMetric = parsedMetric;
        this.deadLetteredMetric = deadLetteredMetric;
    }

    /** Builds the parser; called once per task, with the task's metric group. */
    protected abstract void openParser(MetricGroup metrics);

    protected abstract T parse(RawRecord record) throws InvalidLeadException;

    @Override
    public void open(OpenContext openContext) {
        MetricGroup metrics = getRuntimeContext().getMetricGroup();
        openParser(metrics);
        parsed = metrics.counter(parsedMetric);
        deadLettered = metrics.counter(deadLetteredMetric);
        deadLetteredByCode = new EnumMap<>(DeadLetterCode.class);
        for (DeadLetterCode code : DeadLetterCode.values()) {
            deadLetteredByCode.put(code, metrics.addGroup("errorCode", code.name()).counter(deadLetteredMetric));
        }
    }

    @Override
    public void processElement(RawRecord record, Context ctx, Collector<T> out) {
        try {
            out.collect(parse(record));
            parsed.inc();
        } catch (InvalidLeadException e) {
            deadLetter(record, e.code(), e.getMessage(), ctx);
        } catch (RuntimeException e) {
            // A parser bug must not stop the job or lose the record: dead-letter it with what we know.
            deadLetter(record, DeadLetterCode.INVALID_FIELD, "The record could not be read: " + e.getClass().getSimpleName(), ctx);
        }
    }

    private void deadLetter(RawRecord record, DeadLetterCode code, String message, Context ctx) {
        ctx.output(DEAD_LETTERS, DeadLetter.of(record, code, message, ctx.timerService().currentProcessingTime()));
        deadLettered.inc();
        deadLetteredByCode.get(code).inc();
    }
}
