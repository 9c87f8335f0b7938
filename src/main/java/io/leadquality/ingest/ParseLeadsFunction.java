package io.leadquality.ingest;

import io.leadquality.config.JobConfig;
import io.leadquality.model.LeadEvent;
import io.leadquality.model.RawRecord;

/** Lead input records to normalised events; the rest to the dead-letter stream. */
public class ParseLeadsFunction extends DeadLetteringParseFunction<LeadEvent> {
    private static final long serialVersionUID = 1L;

    private final JobConfig config;
    private transient LeadParser parser;

    public ParseLeadsFunction(JobConfig config) {
        super("leadsParsed", "leadsDeadLettered");
        this.config = config;
    }

    @Override
    protected void openParser() {
        parser = new LeadParser(config);
    }

    @Override
    protected LeadEvent parse(RawRecord record) throws InvalidLeadException {
        return parser.parse(record);
    }
}
