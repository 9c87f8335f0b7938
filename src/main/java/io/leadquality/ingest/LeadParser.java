package io.leadquality.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadquality.config.JobConfig;
import io.leadquality.join.JoinKeys;
import io.leadquality.model.DeadLetterCode;
import io.leadquality.model.LeadEvent;
import io.leadquality.model.LeadFormat;
import io.leadquality.model.RawRecord;
import io.leadquality.model.SelaLead;
import io.leadquality.model.SelaLookup;
import io.leadquality.normalize.Emails;
import io.leadquality.normalize.PhoneNumbers;
import io.leadquality.normalize.Timestamps;
import io.leadquality.normalize.UsState;
import io.leadquality.normalize.Utf8;
import io.leadquality.sela.SelaResponseParser;

import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;

/** Turns one raw input record into a normalised {@link LeadEvent}, or says why it cannot. */
public final class LeadParser {
    static final int MAX_EXTERNAL_ID = 255;
    private static final int MAX_NESTING = 64;

    private final ObjectMapper mapper;
    private final Map<String, LeadFormat> topicFormats;
    private final Map<LeadFormat, FormatParser> parsers = new EnumMap<>(LeadFormat.class);
    private final int maxRecordBytes;
    private final String refreshTopic;
    private final String webhookTopic;
    private final Set<String> callsTriggers;

    public LeadParser(JobConfig config) {
        this.topicFormats = config.inputTopics;
        this.maxRecordBytes = config.maxRecordBytes;
        this.refreshTopic = config.refreshEnabled() ? config.topicRefreshRequests : null;
        this.webhookTopic = config.topicSelaWebhooks;
        this.callsTriggers = config.callsTriggers;
        parsers.put(LeadFormat.SELA, new SelaPayloadParser());
        parsers.put(LeadFormat.INSTANTLY, new InstantlyLeadParser(config.instantlyIdField));
        parsers.put(LeadFormat.POLLYBOT, new PollyBotLeadParser(config.pollybotIdField));
        parsers.put(LeadFormat.MAPPED, new MappedLeadParser(config.mappedFields));
        this.mapper = strictMapper();
    }

    /** Duplicate keys, trailing garbage and absurd nesting are errors, not guesses. */
    static ObjectMapper strictMapper() {
        JsonMapper mapper = JsonMapper.builder()
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
                .build();
        mapper.getFactory().setStreamReadConstraints(
                StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build());
        return mapper;
    }

    public LeadEvent parse(RawRecord record) throws InvalidLeadException {
        ObjectNode root = readObject(mapper, record.value, maxRecordBytes);
        if (record.topic.equals(refreshTopic)) {
            return refreshRequest(root, record);
        }
        if (record.topic.equals(webhookTopic)) {
            return pushedSnapshot(root, record);
        }
        LeadFormat format = topicFormats.getOrDefault(record.topic, LeadFormat.AUTO);
        if (format == LeadFormat.AUTO) {
            format = FormatDetector.detect(root);
            if (format == null) {
                throw new InvalidLeadException(DeadLetterCode.UNKNOWN_FORMAT, "The record matches no known format: "
                        + "no phone_number (Sela), no timestamp_created with a UUID id (Instantly), "
                        + "no {success, data} envelope or lead_ id (PollyBot)");
            }
        }
        RawLead raw = parsers.get(format).read(root);
        return normalise(raw, record, format);
    }

    /**
     * A Sela lead pushed by webhook (SPEC section 8): applied like a lookup answer for its key
     * (external_id, else {@code sela:<id>}). A call trigger also names the call: Sela id and call_count.
     */
    private LeadEvent pushedSnapshot(ObjectNode root, RawRecord record) throws InvalidLeadException {
        SelaLead lead = SelaResponseParser.lead(root);
        if (lead.id == null) {
            throw new InvalidLeadException(DeadLetterCode.MISSING_IDENTITY, "The webhook body has no Sela lead id");
        }
        if (lead.externalId != null && lead.externalId.length() > MAX_EXTERNAL_ID) {
            throw invalid("Field external_id is " + lead.externalId.length() + " characters long; Sela allows " + MAX_EXTERNAL_ID);
        }
        LeadEvent event = new LeadEvent();
        event.pushed = true;
        event.externalId = lead.externalId;
        event.selaId = lead.id;
        event.key = lead.externalId != null ? lead.externalId : JoinKeys.SELA_ID_PREFIX + lead.id;
        event.topic = record.topic;
        event.partition = record.partition;
        event.offset = record.offset;
        event.eventTime = record.receivedAt != 0 ? record.receivedAt : Math.max(record.timestamp, 0L);
        String trigger = record.selaTrigger == null ? "unknown trigger" : record.selaTrigger;
        event.lookup = SelaLookup.found("webhook " + trigger, lead, 1, 0);
        JsonNode calls = root.get("call_count");
        if (record.selaTrigger != null && callsTriggers.contains(record.selaTrigger) && calls != null && calls.canConvertToLong()) {
            event.callId = lead.id + "#" + calls.asLong();
            event.callAt = event.eventTime;
        }
        return event;
    }

    /** A refresh request the job wrote itself: only the lead's identity. */
    private static LeadEvent refreshRequest(ObjectNode root, RawRecord record) throws InvalidLeadException {
        LeadEvent event = new LeadEvent();
        event.refresh = true;
        event.externalId = JsonFields.text(root, "external_id", "external_id");
        if (event.externalId == null) {
            throw new InvalidLeadException(DeadLetterCode.MISSING_IDENTITY, "The refresh request has no external_id");
        }
        event.key = event.externalId;
        // Ask as the lead's events do: by external_id, which also sees duplicates; by id only for sela:<id> keys.
        if (event.externalId.startsWith(JoinKeys.SELA_ID_PREFIX)) {
            event.selaId = JsonFields.longValue(root, "sela_id", "sela_id");
        }
        event.topic = record.topic;
        event.partition = record.partition;
        event.offset = record.offset;
        event.eventTime = Math.max(record.timestamp, 0L);
        return event;
    }

    /** The record value as a JSON object: within the size limit, strict UTF-8, strict JSON. */
    static ObjectNode readObject(ObjectMapper mapper, byte[] value, int maxRecordBytes) throws InvalidLeadException {
        if (value != null && value.length > maxRecordBytes) {
            throw new InvalidLeadException(DeadLetterCode.TOO_LARGE, "The record is " + value.length
                    + " bytes, over source.max-record-bytes (" + maxRecordBytes + "); it was not parsed");
        }
        if (value == null || value.length == 0) {
            throw new InvalidLeadException(DeadLetterCode.MALFORMED_JSON, "The record value is empty");
        }
        int invalid = Utf8.firstInvalidByte(value);
        if (invalid >= 0) {
            throw new InvalidLeadException(DeadLetterCode.MALFORMED_JSON, "The record is not valid UTF-8 (byte " + invalid + ")");
        }
        JsonNode root;
        try {
            root = mapper.readTree(value);
        } catch (JsonProcessingException e) {
            throw new InvalidLeadException(DeadLetterCode.MALFORMED_JSON, "The record is not valid JSON: "
                    + e.getOriginalMessage());
        } catch (IOException e) {
            throw new InvalidLeadException(DeadLetterCode.MALFORMED_JSON, "The record is not valid UTF-8 JSON: "
                    + e.getMessage());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidLeadException(DeadLetterCode.MALFORMED_JSON, "The record is JSON "
                    + (root == null ? "with no value" : JsonFields.describe(root)) + ", not an object");
        }
        return (ObjectNode) root;
    }

    private static LeadEvent normalise(RawLead raw, RawRecord record, LeadFormat format) throws InvalidLeadException {
        LeadEvent event = new LeadEvent();
        event.topic = record.topic;
        event.partition = record.partition;
        event.offset = record.offset;
        event.format = format;
        if (raw.externalId != null && raw.externalId.length() > MAX_EXTERNAL_ID) {
            throw invalid("Field external_id is " + raw.externalId.length() + " characters long; Sela allows "
                    + MAX_EXTERNAL_ID);
        }
        event.externalId = raw.externalId;
        event.key = raw.externalId;
        event.selaId = raw.selaId;
        event.phoneNumber = PhoneNumbers.normalize(raw.phone);
        event.email = Emails.normalize(raw.email);
        if (event.email != null && event.email.indexOf('@') < 1) {
            throw invalid("Field email '" + abbreviate(event.email) + "' is not an email address");
        }
        if (raw.usState != null) {
            UsState state = UsState.parse(raw.usState);
            if (state == null) {
                throw invalid("Field us_state '" + abbreviate(raw.usState) + "' is not a US state or state code");
            }
            event.usState = state.name();
        }
        event.leadType = raw.leadType;
        event.leadSource = raw.leadSource;
        event.firstName = raw.firstName;
        event.lastName = raw.lastName;
        event.metadataJson = raw.metadata == null ? "{}" : raw.metadata.toString();
        Long payloadTime = Timestamps.parseMillis(raw.eventTime);
        event.eventTime = payloadTime != null ? payloadTime : Math.max(record.timestamp, 0L);
        if (!event.hasIdentity()) {
            throw new InvalidLeadException(DeadLetterCode.MISSING_IDENTITY,
                    "The " + format.wireName() + " lead has no external_id, phone or email to identify it");
        }
        return event;
    }

    private static InvalidLeadException invalid(String message) {
        return new InvalidLeadException(DeadLetterCode.INVALID_FIELD, message);
    }

    static String abbreviate(String text) {
        return text.length() <= 64 ? text : text.substring(0, 61) + "...";
    }
}
