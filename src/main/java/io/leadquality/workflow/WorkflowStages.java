package io.leadquality.workflow;

import io.leadquality.analytics.SourceQuality;
import io.leadquality.config.JobConfig;
import io.leadquality.model.EnrichedLead;
import io.leadquality.model.LeadEvent;
import io.leadquality.model.SuppressionUpdate;
import org.apache.flink.streaming.api.datastream.DataStream;

/**
 * The parts of the graph the benchmark swaps, to compare with a blocking lookup or to measure what a
 * stage costs by leaving it out. The job runs {@link #JOB}.
 */
public record WorkflowStages(LookupStage lookup, ContactStages contacts, SourceQualityFeed sourceQuality) {
    public static final WorkflowStages JOB = new WorkflowStages(LeadQualityWorkflow::asyncSelaLookup,
            LeadQualityWorkflow::throughContactStages, LeadQualityWorkflow::sourceQualityFeed);

    /** How events get their Sela state. */
    public interface LookupStage {
        DataStream<LeadEvent> apply(DataStream<LeadEvent> events, JobConfig config);
    }

    /** What events pass through between the lookup and the join, given the list's entries and updates. */
    public interface ContactStages {
        DataStream<LeadEvent> apply(DataStream<LeadEvent> events, DataStream<SuppressionUpdate> list,
                                    DataStream<SuppressionUpdate> updates, JobConfig config);
    }

    /** The analytics feed from the enriched records. */
    public interface SourceQualityFeed {
        DataStream<SourceQuality> apply(DataStream<EnrichedLead> enriched, JobConfig config);
    }

    public WorkflowStages withLookup(LookupStage stage) {
        return new WorkflowStages(stage, contacts, sourceQuality);
    }

    public WorkflowStages withContacts(ContactStages stages) {
        return new WorkflowStages(lookup, stages, sourceQuality);
    }

    public WorkflowStages withSourceQuality(SourceQualityFeed feed) {
        return new WorkflowStages(lookup, contacts, feed);
    }
}
