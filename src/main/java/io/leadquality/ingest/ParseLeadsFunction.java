package io.leadquality.ingest;

import io.leadquality.config.JobConfig;
import io.leadquality.model.LeadEvent;
import io.leadquality.model.LeadFormat;
import io.leadquality.model.RawRecord;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.MetricGroup;

import java.util.EnumMap;
import java.util.Map;

/** Lead input records to normalised events; the rest to the dead-letter stream. */
public class ParseLeadsFunction extends DeadLetteringParseFunction<LeadEvent> {
    private static final long serialVersionUID = 1L;

    private final JobConfig config;
    private transient LeadParser parser;
    private transient Map<LeadFormat, Counter> parsedByFormat;

    public ParseLeadsFunction(JobConfig config) {
        super("leadsParsed", "leadsDeadLettered");
        this.config = config;
    }

    @Override
    protected void openParser(MetricGroup metrics) {
        parser = new LeadParser(config);
        parsedByFormat = new EnumMap<>(LeadFormat.class);
        for (LeadFormat format : LeadFormat.values()) {
            parsedByFormat.put(format, metrics.addGroup("format", format.wireName()).counter("leadsParsed"));
        }
    }

    @Override
    protected LeadEvent parse(RawRecord record) throws InvalidLeadException {
        LeadEvent event = parser.parse(record);
        if (event.format != null) { // refresh requests have none
            parsedByFormat.get(event.format).inc();
        }
        return event;
    }
}
