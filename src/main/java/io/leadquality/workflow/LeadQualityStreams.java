package io.leadquality.workflow;

import io.leadquality.analytics.SourceQuality;
import io.leadquality.model.ComplianceAlert;
import io.leadquality.model.DeadLetter;
import io.leadquality.model.EnrichedLead;
import io.leadquality.model.RefreshRequest;
import io.leadquality.model.StatusChange;
import org.apache.flink.streaming.api.datastream.DataStream;

/** The five outputs of the workflow, and the refresh requests it sends itself, typed, before they are written anywhere. */
public record LeadQualityStreams(
        DataStream<EnrichedLead> enriched,
        DataStream<ComplianceAlert> alerts,
        DataStream<StatusChange> statusChanges,
        DataStream<DeadLetter> deadLetters,
        DataStream<RefreshRequest> refreshRequests,
        DataStream<SourceQuality> sourceQuality) {}
