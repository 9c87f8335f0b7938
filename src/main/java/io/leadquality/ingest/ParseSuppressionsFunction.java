package io.leadquality.ingest;

import io.leadquality.model.RawRecord;
import io.leadquality.model.SuppressionUpdate;
import org.apache.flink.metrics.MetricGroup;

/** Suppression-list records to normalised updates; the rest to the dead-letter stream. */
public class ParseSuppressionsFunction extends DeadLetteringParseFunction<SuppressionUpdate> {
    private static final long serialVersionUID = 1L;

    private final int maxRecordBytes;
    private transient SuppressionParser parser;

    public ParseSuppressionsFunction(int maxRecordBytes) {
        super("suppressionsParsed", "suppressionsDeadLettered");
        this.maxRecordBytes = maxRecordBytes;
    }

    @Override
    protected void openParser(MetricGroup metrics) {
        parser = new SuppressionParser(maxRecordBytes);
    }

    @Override
    protected SuppressionUpdate parse(RawRecord record) throws InvalidLeadException {
        return parser.parse(record);
    }
}
