package io.leadquality.workflow;

import io.leadquality.compliance.ComplianceRules;
import io.leadquality.config.JobConfig;
import io.leadquality.ingest.ParseLeadsFunction;
import io.leadquality.join.LeadStateJoin;
import io.leadquality.join.LookupGate;
import io.leadquality.model.EnrichedLead;
import io.leadquality.model.LeadEvent;
import io.leadquality.model.RawRecord;
import io.leadquality.output.OutboundRecord;
import io.leadquality.output.OutputJson;
import io.leadquality.sela.SelaLookupFunction;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The whole topology, apart from where records come from and go to:
 *
 * <pre>
 * records -> parse ----------------------------------------------> dead letters
 *              |-- with external_id -> per-key lookup cache --(cached)--------------+
 *              |                               |                                    |
 *              |                               +-- miss --+                         |
 *              +-- without external_id (match by phone/email) +-> Sela lookup ---+-> keyed join -> enriched
 *                                                                                       |-> alerts
 *                                                                                       |-> status changes
 *                                                                                       +-> refresh requests
 * </pre>
 *
 * Refresh requests go out to Kafka and come back in as records of the source, so the graph itself
 * has no loop.
 */
public final class LeadQualityWorkflow {
    private LeadQualityWorkflow() {}

    public static LeadQualityStreams defineWorkflow(DataStream<RawRecord> records, JobConfig config) {
        SingleOutputStreamOperator<LeadEvent> parsed = records
                .process(new ParseLeadsFunction(config))
                .name("Parse and normalise leads").uid(OperatorIds.PARSE);

        SingleOutputStreamOperator<LeadEvent> cacheMisses = parsed
                .filter(event -> event.externalId != null).name("Leads with external_id")
                .keyBy(new LeadKey())
                .process(new LookupGate(config.selaCacheTtl))
                .name("Per-key lookup cache").uid(OperatorIds.LOOKUP_GATE);
        DataStream<LeadEvent> withoutExternalId = parsed
                .filter(event -> event.externalId == null).name("Leads to match by phone, then email");

        DataStream<LeadEvent> lookedUp = AsyncDataStream.unorderedWait(
                        cacheMisses.union(withoutExternalId),
                        new SelaLookupFunction(config),
                        SelaLookupFunction.asyncTimeout(config).toMillis(), TimeUnit.MILLISECONDS,
                        config.selaMaxInFlight)
                .name("Sela lookup (async)").uid(OperatorIds.SELA_LOOKUP);

        Duration maxWait = SelaLookupFunction.asyncTimeout(config).plusSeconds(30);
        SingleOutputStreamOperator<EnrichedLead> joined = lookedUp
                .union(cacheMisses.getSideOutput(LookupGate.CACHED))
                .keyBy(new LeadKey())
                .process(new LeadStateJoin(new ComplianceRules(config.territories, config.callingWindows),
                        config.stateTtl, maxWait, config.selaRefreshInterval))
                .name("Join Sela state, flag, detect changes").uid(OperatorIds.JOIN);

        return new LeadQualityStreams(
                joined,
                joined.getSideOutput(LeadStateJoin.ALERTS),
                joined.getSideOutput(LeadStateJoin.STATUS_CHANGES),
                parsed.getSideOutput(ParseLeadsFunction.DEAD_LETTERS),
                joined.getSideOutput(LeadStateJoin.REFRESH_REQUESTS));
    }

    /** All four outputs as serialised records for their topics, for one transactional sink. */
    public static DataStream<OutboundRecord> toOutboundRecords(LeadQualityStreams streams, JobConfig config) {
        TypeInformation<OutboundRecord> type = TypeInformation.of(OutboundRecord.class);
        String enriched = config.topicEnriched;
        String alerts = config.topicAlerts;
        String changes = config.topicStatusChanges;
        String deadLetters = config.topicDeadLetter;
        String refreshes = config.topicRefreshRequests;
        return streams.enriched()
                .map(e -> new OutboundRecord(enriched, e.externalId, OutputJson.enriched(e))).returns(type)
                .name("Enriched to JSON")
                .union(
                        streams.alerts().map(a -> new OutboundRecord(alerts, a.externalId, OutputJson.alert(a)))
                                .returns(type).name("Alerts to JSON"),
                        streams.statusChanges().map(c -> new OutboundRecord(changes, c.externalId, OutputJson.statusChange(c)))
                                .returns(type).name("Status changes to JSON"),
                        streams.deadLetters().map(d -> new OutboundRecord(deadLetters, d.topic + ":" + d.partition + ":" + d.offset,
                                OutputJson.deadLetter(d))).returns(type).name("Dead letters to JSON"),
                        streams.refreshRequests().map(r -> new OutboundRecord(refreshes, r.externalId, OutputJson.refreshRequest(r)))
                                .returns(type).name("Refresh requests to JSON"));
    }
}
