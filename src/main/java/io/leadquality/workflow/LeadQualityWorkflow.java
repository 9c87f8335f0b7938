package io.leadquality.workflow;

import io.leadquality.analytics.LeadInWindow;
import io.leadquality.analytics.LeadInWindowAggregate;
import io.leadquality.analytics.LeadWindowChange;
import io.leadquality.analytics.QualityChange;
import io.leadquality.analytics.QualityObservation;
import io.leadquality.analytics.QuietClockWatermarks;
import io.leadquality.analytics.SourceQuality;
import io.leadquality.analytics.SourceQualityAggregate;
import io.leadquality.analytics.SourceQualityCounts;
import io.leadquality.analytics.SourceQualityWindow;
import io.leadquality.analytics.TooLateCounter;
import io.leadquality.compliance.ComplianceRules;
import io.leadquality.config.JobConfig;
import io.leadquality.contacts.ContactKind;
import io.leadquality.contacts.ContactStage;
import io.leadquality.contacts.ContactStageOperator;
import io.leadquality.ingest.DeadLetteringParseFunction;
import io.leadquality.ingest.ParseLeadsFunction;
import io.leadquality.identity.IdentityResolver;
import io.leadquality.identity.IdentityRouter;
import io.leadquality.ingest.ParseSuppressionsFunction;
import io.leadquality.join.LeadStateJoin;
import io.leadquality.join.LeadStateJoinOperator;
import io.leadquality.join.LookupGate;
import io.leadquality.model.EnrichedLead;
import io.leadquality.model.LeadEvent;
import io.leadquality.model.RawRecord;
import io.leadquality.model.SuppressionAction;
import io.leadquality.model.SuppressionUpdate;
import io.leadquality.output.OutboundRecord;
import io.leadquality.output.OutputJson;
import io.leadquality.sela.SelaLookupFunction;
import io.leadquality.serialization.LeadEventTypeInfo;
import io.leadquality.suppression.EndOfInputMarker;
import io.leadquality.suppression.SuppressionList;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.functions.sink.v2.DiscardingSink;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The whole topology, apart from where records come from and go to:
 *
 * <pre>
 * records -> parse ----------------------------------------------> dead letters
 *              |-- with external_id -> per-key lookup cache --(cached)------------------------------+
 *              |                               |                                                    |
 *              |                               +-- miss --+                                         |
 *              +-- without external_id (match by phone/email) +-> Sela lookup -> route --(matched)--+-> per phone -> per e-mail -> keyed join -> enriched
 *                                                                                  |                ^   ^            ^                  |-> alerts
 *                                                         (Sela found none) + links +-> match by     |   |            |                  |-> status changes
 *                                                                                     phone/email --+   |            |                  +-> refresh requests
 * suppression list (read to its end, then LOADED per key group) --+-> parse -+-> phone entries -----+            |
 * suppression updates (from that end on) -------------------------+          +-> e-mail entries (and LOADED) ---+
 *
 * enriched -> event time (event_time) -> per lead, then per lead source and type, tumbling windows -> source quality
 * </pre>
 *
 * "Per phone" is the stage keyed by phone, "per e-mail" the one keyed by e-mail: each event leaves
 * them with what its phone and e-mail say (other leads' Sela marks, the list entry naming them), and a
 * new mark or list record sends a verdict to each of their leads, and to no other key. Refresh
 * requests go out to Kafka and come back in as records of the source, so the graph itself has no loop.
 */
public final class LeadQualityWorkflow {
    private LeadQualityWorkflow() {}

    /**
     * @param records lead input records (and refresh requests)
     * @param suppressionList the suppression topic from its start to the end it had when the job first started (bounded)
     * @param suppressionUpdates the suppression topic from that end on
     */
    public static LeadQualityStreams defineWorkflow(DataStream<RawRecord> records, DataStream<RawRecord> suppressionList,
                                                    DataStream<RawRecord> suppressionUpdates, JobConfig config) {
        return defineWorkflow(records, suppressionList, suppressionUpdates, config, WorkflowStages.JOB);
    }

    /** Unordered async I/O, at most {@code sela.max-in-flight} lookups per instance, never failing the job on a timeout. */
    public static DataStream<LeadEvent> asyncSelaLookup(DataStream<LeadEvent> events, JobConfig config) {
        return AsyncDataStream.unorderedWait(events, new SelaLookupFunction(config),
                        SelaLookupFunction.asyncTimeout(config).toMillis(), TimeUnit.MILLISECONDS, config.selaMaxInFlight)
                .name("Sela lookup (async)").uid(OperatorIds.SELA_LOOKUP);
    }

    /** Every event through its phone, then its e-mail (SPEC section 9). */
    public static DataStream<LeadEvent> throughContactStages(DataStream<LeadEvent> events, DataStream<SuppressionUpdate> list,
                                                             DataStream<SuppressionUpdate> updates, JobConfig config) {
        DataStream<LeadEvent> throughPhones = throughContacts(events, ContactKind.PHONE, list, updates, config)
                .name("Marks and list per phone: what each lead's phone says").uid(OperatorIds.PHONE_STAGE);
        return throughContacts(throughPhones, ContactKind.EMAIL, list, updates, config)
                .name("Marks and list per e-mail: what each lead's e-mail says").uid(OperatorIds.EMAIL_STAGE);
    }

    /** As {@link #defineWorkflow(DataStream, DataStream, DataStream, JobConfig)}, with the given stages. */
    public static LeadQualityStreams defineWorkflow(DataStream<RawRecord> records, DataStream<RawRecord> suppressionList,
                                                    DataStream<RawRecord> suppressionUpdates, JobConfig config,
                                                    WorkflowStages stages) {
        SingleOutputStreamOperator<LeadEvent> parsed = records
                .process(new ParseLeadsFunction(config))
                .name("Parse and normalise leads").uid(OperatorIds.PARSE);

        // Events cross the network between the keyed stages in LeadEventTypeInfo's format, not as POJOs;
        // what goes into the async lookup stays a POJO, since its checkpoints keep the events in flight.
        SingleOutputStreamOperator<LeadEvent> cacheMisses = parsed
                .filter(event -> event.key != null).returns(LeadEventTypeInfo.INSTANCE)
                .name("Leads with external_id, and pushed Sela snapshots")
                .keyBy(new LeadKey())
                .process(new LookupGate(config.selaCacheTtl))
                .name("Per-key lookup cache").uid(OperatorIds.LOOKUP_GATE);
        DataStream<LeadEvent> withoutExternalId = parsed
                .filter(event -> event.key == null).name("Leads to match by phone, then email");

        SingleOutputStreamOperator<LeadEvent> lookedUp = stages.lookup().apply(cacheMisses.union(withoutExternalId), config)
                .process(new IdentityRouter()).returns(LeadEventTypeInfo.INSTANCE)
                .name("Route answers: matched, or to match by phone or email");
        DataStream<LeadEvent> matchedByIdentity = lookedUp.getSideOutput(IdentityRouter.LINKS)
                .keyBy(new IdentityResolver.LinkIdentity())
                .connect(lookedUp.getSideOutput(IdentityRouter.UNMATCHED).keyBy(new IdentityResolver.EventIdentity()))
                .process(new IdentityResolver(config.stateTtl)).returns(LeadEventTypeInfo.INSTANCE)
                .name("Match unmatched leads to known leads by phone, then email").uid(OperatorIds.IDENTITY_RESOLVER);

        SingleOutputStreamOperator<SuppressionUpdate> listParsed = suppressionList
                .process(new ParseSuppressionsFunction(config.maxRecordBytes))
                .name("Parse suppression list").uid(OperatorIds.PARSE_SUPPRESSION_LIST).setParallelism(1);
        // One instance sees the end of every partition, so its markers, one per key group of the contact
        // stages, come after every entry on each channel: each stage instance knows when its part is in.
        StreamExecutionEnvironment env = records.getExecutionEnvironment();
        int maxParallelism = SuppressionList.maxParallelismOf(env.getMaxParallelism(), env.getParallelism());
        SingleOutputStreamOperator<SuppressionUpdate> listLoaded = listParsed
                .transform("Mark suppression list loaded", TypeInformation.of(SuppressionUpdate.class),
                        new EndOfInputMarker<>(() -> SuppressionList.loadedMarkers(maxParallelism)))
                .uid(OperatorIds.MARK_SUPPRESSION_LIST_LOADED).setParallelism(1);
        SingleOutputStreamOperator<SuppressionUpdate> updatesParsed = suppressionUpdates
                .process(new ParseSuppressionsFunction(config.maxRecordBytes))
                .name("Parse suppression updates").uid(OperatorIds.PARSE_SUPPRESSION_UPDATES).setParallelism(1);

        Duration maxWait = SelaLookupFunction.asyncTimeout(config).plusSeconds(30);
        // Every event passes through its phone, then its e-mail, so what another lead with them carries,
        // and the list entry naming them, are on the event before the join judges it; a new mark or list
        // record reaches the phone's leads and no other key.
        DataStream<LeadEvent> toContacts = lookedUp
                .union(cacheMisses.getSideOutput(LookupGate.CACHED), cacheMisses.getSideOutput(LookupGate.PUSHED),
                        matchedByIdentity);
        SingleOutputStreamOperator<EnrichedLead> joined = stages.contacts().apply(toContacts, listLoaded, updatesParsed, config)
                .keyBy(new LeadKey())
                .transform("Join Sela state and what phones say, flag, detect changes",
                        TypeInformation.of(EnrichedLead.class), new LeadStateJoinOperator(new LeadStateJoin(
                                new ComplianceRules(config.territories, config.callingRules), config.stateTtl, maxWait,
                                config.selaRefreshInterval, config.selaMaxRequestsPerSecond / Math.max(1, config.parallelism))))
                .uid(OperatorIds.JOIN);

        return new LeadQualityStreams(
                joined,
                joined.getSideOutput(LeadStateJoin.ALERTS),
                joined.getSideOutput(LeadStateJoin.STATUS_CHANGES),
                parsed.getSideOutput(DeadLetteringParseFunction.DEAD_LETTERS).union(
                        listParsed.getSideOutput(DeadLetteringParseFunction.DEAD_LETTERS),
                        updatesParsed.getSideOutput(DeadLetteringParseFunction.DEAD_LETTERS)),
                joined.getSideOutput(LeadStateJoin.REFRESH_REQUESTS),
                stages.sourceQuality().apply(joined, config));
    }

    /**
     * Per lead source and type, tumbling windows of the input events' event_time (SPEC section 11), in
     * two steps so no state grows with a source's leads: per lead, what its events add to the window;
     * then per source, the sum of those changes.
     */
    public static DataStream<SourceQuality> sourceQualityFeed(DataStream<EnrichedLead> enriched, JobConfig config) {
        // Event time only here, after the lookups: a watermark never holds an answer back (docs/reliability.md).
        SingleOutputStreamOperator<QualityChange> perLead = enriched
                .map(QualityObservation::of).returns(QualityObservation.class).name("Enriched to quality observations")
                .assignTimestampsAndWatermarks(QuietClockWatermarks.strategy(config.analyticsWindow))
                .name("Event time of the input events").uid(OperatorIds.SOURCE_QUALITY_EVENT_TIME)
                .keyBy(QualityObservation::leadKey)
                .window(TumblingEventTimeWindows.of(config.analyticsWindow))
                .allowedLateness(config.analyticsAllowedLateness)
                .sideOutputLateData(LeadWindowChange.TOO_LATE)
                .aggregate(new LeadInWindowAggregate(), new LeadWindowChange(), TypeInformation.of(LeadInWindow.class),
                        TypeInformation.of(LeadInWindow.class), TypeInformation.of(QualityChange.class))
                .name("Each lead's part of its source's window").uid(OperatorIds.SOURCE_QUALITY_LEADS);
        perLead.getSideOutput(LeadWindowChange.TOO_LATE)
                .flatMap(new TooLateCounter()).returns(Void.class).name("Count records too late for their window")
                .uid(OperatorIds.SOURCE_QUALITY_TOO_LATE)
                .sinkTo(new DiscardingSink<>()).name("Counted, not written").uid(OperatorIds.SOURCE_QUALITY_TOO_LATE_SINK);
        // A lead's change carries its window's last instant, so it lands in the same window here, and
        // within the same lateness: nothing the first step took is late for this one.
        return perLead
                .keyBy(QualityChange::sourceKey)
                .window(TumblingEventTimeWindows.of(config.analyticsWindow))
                .allowedLateness(config.analyticsAllowedLateness)
                .aggregate(new SourceQualityAggregate(), new SourceQualityWindow(), SourceQualityCounts.TYPE,
                        SourceQualityCounts.TYPE, TypeInformation.of(SourceQuality.class))
                .name("Lead-source quality per window").uid(OperatorIds.SOURCE_QUALITY_WINDOWS);
    }

    /** The stage of {@code kind}: events keyed by their phone (e-mail), list records by the one they name. */
    private static SingleOutputStreamOperator<LeadEvent> throughContacts(
            DataStream<LeadEvent> events, ContactKind kind, DataStream<SuppressionUpdate> list,
            DataStream<SuppressionUpdate> updates, JobConfig config) {
        // Filtered where they are read (parallelism 1, chained), so no channel reorders entries and markers.
        String suffix = "-" + kind.name().toLowerCase();
        DataStream<SuppressionUpdate> entries = list.filter(update -> namesKind(update, kind)).setParallelism(1)
                .name("List entries per " + kind.noun).uid(OperatorIds.SUPPRESSION_LIST_ENTRIES + suffix)
                .union(updates.filter(update -> namesKind(update, kind)).setParallelism(1)
                        .name("List updates per " + kind.noun).uid(OperatorIds.SUPPRESSION_UPDATE_ENTRIES + suffix));
        return events.keyBy(ContactStage.eventKey(kind))
                .connect(entries.keyBy(ContactStage.entryKey()))
                .transform("Per " + kind.noun, LeadEventTypeInfo.INSTANCE,
                        new ContactStageOperator(new ContactStage(kind, config.markRetention, config.stateTtl)));
    }

    private static boolean namesKind(SuppressionUpdate update, ContactKind kind) {
        return update.action == SuppressionAction.LOADED || ContactKind.of(update.identity) == kind;
    }

    /** The five outputs as serialised records for their topics, for one transactional sink. */
    public static DataStream<OutboundRecord> toOutboundRecords(LeadQualityStreams streams, JobConfig config) {
        TypeInformation<OutboundRecord> type = TypeInformation.of(OutboundRecord.class);
        String enriched = config.topicEnriched;
        String alerts = config.topicAlerts;
        String changes = config.topicStatusChanges;
        String deadLetters = config.topicDeadLetter;
        String quality = config.topicSourceQuality;
        return streams.enriched()
                .map(e -> new OutboundRecord(enriched, e.externalId, OutputJson.enriched(e), e.processedAt)).returns(type)
                .name("Enriched to JSON")
                .union(
                        streams.alerts().map(a -> new OutboundRecord(alerts, a.externalId, OutputJson.alert(a), a.at))
                                .returns(type).name("Alerts to JSON"),
                        streams.statusChanges().map(c -> new OutboundRecord(changes, c.externalId, OutputJson.statusChange(c), c.observedAt))
                                .returns(type).name("Status changes to JSON"),
                        streams.deadLetters().map(d -> new OutboundRecord(deadLetters, d.topic + ":" + d.partition + ":" + d.offset,
                                OutputJson.deadLetter(d), d.receivedAt)).returns(type).name("Dead letters to JSON"),
                        streams.sourceQuality().map(q -> new OutboundRecord(quality, q.key(), OutputJson.sourceQuality(q),
                                q.writtenAt)).returns(type).name("Source quality to JSON"));
    }

    /** Refresh requests as serialised records for their topic, for a sink of their own (see KafkaIo). */
    public static DataStream<OutboundRecord> toRefreshRecords(LeadQualityStreams streams, JobConfig config) {
        String refreshes = config.topicRefreshRequests;
        return streams.refreshRequests()
                .map(r -> new OutboundRecord(refreshes, r.externalId, OutputJson.refreshRequest(r), r.requestedAt))
                .returns(TypeInformation.of(OutboundRecord.class)).name("Refresh requests to JSON");
    }
}
