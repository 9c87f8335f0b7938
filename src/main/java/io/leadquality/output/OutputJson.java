package io.leadquality.output;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadquality.analytics.SourceQuality;
import io.leadquality.model.ComplianceAlert;
import io.leadquality.model.DeadLetter;
import io.leadquality.model.EnrichedLead;
import io.leadquality.model.Flag;
import io.leadquality.model.LeadEvent;
import io.leadquality.model.RefreshRequest;
import io.leadquality.model.StatusChange;
import io.leadquality.normalize.Timestamps;
import io.leadquality.normalize.Utf8;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/** The JSON of the four output topics, with exactly the field names of SPEC section 4. */
public final class OutputJson {
    /** Dead-letter records keep at most this much of the raw input, so they always fit in Kafka. */
    public static final int MAX_RAW_BYTES = 64 * 1024;
    /** Enriched records carry at most this much metadata. */
    public static final int MAX_METADATA_CHARS = 256 * 1024;
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private OutputJson() {}

    /** Streamed rather than built as a tree: one enriched record per input event makes this the hot path. */
    public static byte[] enriched(EnrichedLead lead) {
        LeadEvent e = lead.event;
        // One block for the whole record: a second one costs a list of blocks and their merge.
        int expected = 768 + (lead.sela == null || lead.sela.json == null ? 0 : lead.sela.json.length())
                + (e.metadataJson == null ? 0 : Math.min(e.metadataJson.length(), MAX_METADATA_CHARS));
        try (ByteArrayBuilder bytes = new ByteArrayBuilder(expected);
             JsonGenerator json = MAPPER.getFactory().createGenerator(bytes)) {
            json.writeStartObject();
            json.writeStringField("external_id", lead.externalId);
            json.writeObjectFieldStart("source");
            json.writeStringField("topic", e.topic);
            json.writeNumberField("partition", e.partition);
            json.writeNumberField("offset", e.offset);
            json.writeStringField("format", e.format.wireName());
            json.writeEndObject();
            json.writeStringField("event_time", Timestamps.formatMillis(e.eventTime));
            json.writeObjectFieldStart("lead");
            json.writeStringField("phone_number", e.phoneNumber);
            json.writeStringField("email", e.email);
            json.writeStringField("us_state", e.usState);
            json.writeStringField("lead_type", e.leadType);
            json.writeStringField("lead_source", e.leadSource);
            json.writeStringField("first_name", e.firstName);
            json.writeStringField("last_name", e.lastName);
            json.writeFieldName("metadata");
            json.writeRawValue(new RawUtf8(metadataWithinLimit(e.metadataJson)));
            json.writeEndObject();
            json.writeFieldName("sela");
            if (lead.sela == null || lead.sela.json == null) {
                json.writeNull();
            } else {
                json.writeRawValue(new RawUtf8(lead.sela.json));
            }
            json.writeStringField("lookup", lead.lookup == null ? null : lead.lookup.name());
            json.writeArrayFieldStart("flags");
            for (String flag : lead.flags) {
                json.writeString(flag);
            }
            json.writeEndArray();
            json.writeObjectFieldStart("evidence");
            for (int i = 0; lead.evidence != null && i < lead.flags.length; i++) {
                json.writeStringField(lead.flags[i], lead.evidence[i]);
            }
            json.writeEndObject();
            if (e.matchedBy != null) {
                json.writeStringField("matched_by", e.matchedBy);
            }
            json.writeStringField("next_allowed_call_at", lead.nextAllowedCallAt == null ? null
                    : Timestamps.formatMillis(lead.nextAllowedCallAt));
            json.writeStringField("processed_at", Timestamps.formatMillis(lead.processedAt));
            json.writeEndObject();
            json.flush();
            return bytes.toByteArray();
        } catch (IOException ex) {
            throw new IllegalStateException("cannot write output JSON", ex);
        }
    }

    /**
     * JSON text already valid, handed to the generator as UTF-8 bytes: Jackson writes a raw
     * {@code String} a character at a time, and the Sela lead is most of an enriched record.
     */
    private static final class RawUtf8 implements SerializableString {
        private final String json;
        private byte[] utf8;

        RawUtf8(String json) {
            this.json = json;
        }

        @Override
        public String getValue() {
            return json;
        }

        @Override
        public int charLength() {
            return json.length();
        }

        @Override
        public byte[] asUnquotedUTF8() {
            if (utf8 == null) {
                utf8 = json.getBytes(StandardCharsets.UTF_8);
            }
            return utf8;
        }

        @Override
        public int appendUnquotedUTF8(byte[] buffer, int offset) {
            byte[] bytes = asUnquotedUTF8();
            if (offset + bytes.length > buffer.length) {
                return -1;
            }
            System.arraycopy(bytes, 0, buffer, offset, bytes.length);
            return bytes.length;
        }

        @Override
        public int writeUnquotedUTF8(OutputStream out) throws IOException {
            byte[] bytes = asUnquotedUTF8();
            out.write(bytes);
            return bytes.length;
        }

        @Override
        public int putUnquotedUTF8(ByteBuffer buffer) {
            byte[] bytes = asUnquotedUTF8();
            if (bytes.length > buffer.remaining()) {
                return -1;
            }
            buffer.put(bytes);
            return bytes.length;
        }

        @Override
        public int appendUnquoted(char[] buffer, int offset) {
            if (offset + json.length() > buffer.length) {
                return -1;
            }
            json.getChars(0, json.length(), buffer, offset);
            return json.length();
        }

        // Raw values are never written quoted.
        @Override
        public char[] asQuotedChars() {
            throw new UnsupportedOperationException();
        }

        @Override
        public byte[] asQuotedUTF8() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int appendQuotedUTF8(byte[] buffer, int offset) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int appendQuoted(char[] buffer, int offset) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int writeQuotedUTF8(OutputStream out) {
            throw new UnsupportedOperationException();
        }

        @Override
        public int putQuotedUTF8(ByteBuffer buffer) {
            throw new UnsupportedOperationException();
        }
    }

    public static byte[] alert(ComplianceAlert alert) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("alert_id", alert.alertId);
        root.put("external_id", alert.externalId);
        root.put("sela_id", alert.selaId);
        root.put("flag", alert.flag.name());
        root.put("state", alert.state.name());
        root.put("severity", alert.severity.name());
        root.put("reason", alert.reason);
        root.put("at", Timestamps.formatMillis(alert.at));
        if (alert.flag == Flag.OUTSIDE_CALLING_WINDOW || alert.flag == Flag.CALL_FREQUENCY_CAP) {
            root.put("next_allowed_call_at", alert.nextAllowedCallAt == null ? null
                    : Timestamps.formatMillis(alert.nextAllowedCallAt));
        }
        root.put("rules_version", alert.rulesVersion);
        ObjectNode lead = root.putObject("lead");
        lead.put("phone_number", alert.phoneNumber);
        lead.put("us_state", alert.usState);
        lead.put("lead_type", alert.leadType);
        return write(root);
    }

    /** A record of {@code leads.source-quality} (SPEC section 11). */
    public static byte[] sourceQuality(SourceQuality quality) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("lead_source", quality.leadSource);
        root.put("lead_type", quality.leadType);
        root.put("window_start", Timestamps.formatMillis(quality.windowStart));
        root.put("window_end", Timestamps.formatMillis(quality.windowEnd));
        root.put("events", quality.events);
        root.put("leads", quality.leads);
        ObjectNode flagged = root.putObject("flagged");
        for (int i = 0; i < quality.flaggedNames.length; i++) {
            flagged.put(quality.flaggedNames[i], quality.flaggedCounts[i]);
        }
        root.put("not_in_sela", quality.notInSela);
        root.put("duplicates", quality.duplicates);
        root.put("lookups_failed", quality.lookupsFailed);
        root.put("revision", quality.revision);
        return write(root);
    }

    public static byte[] statusChange(StatusChange change) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("external_id", change.externalId);
        root.put("sela_id", change.selaId);
        root.put("field", change.field);
        if (change.isBooleanField()) {
            putBoolean(root, "from", change.from);
            putBoolean(root, "to", change.to);
        } else {
            root.put("from", change.from);
            root.put("to", change.to);
        }
        root.put("changed_at", change.changedAtMicros == null ? null : Timestamps.formatMicros(change.changedAtMicros));
        root.put("observed_at", Timestamps.formatMillis(change.observedAt));
        root.put("seconds_in_previous", change.secondsInPrevious);
        return write(root);
    }

    public static byte[] refreshRequest(RefreshRequest request) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("external_id", request.externalId);
        root.put("sela_id", request.selaId);
        root.put("requested_at", Timestamps.formatMillis(request.requestedAt));
        return write(root);
    }

    public static byte[] deadLetter(DeadLetter letter) {
        ObjectNode root = MAPPER.createObjectNode();
        root.put("error_code", letter.errorCode.name());
        root.put("error", letter.error);
        ObjectNode source = root.putObject("source");
        source.put("topic", letter.topic);
        source.put("partition", letter.partition);
        source.put("offset", letter.offset);
        byte[] raw = letter.raw == null ? new byte[0] : letter.raw;
        byte[] kept = raw.length > MAX_RAW_BYTES ? Arrays.copyOf(raw, MAX_RAW_BYTES) : raw;
        if (Utf8.isValid(kept)) {
            root.put("raw", new String(kept, StandardCharsets.UTF_8));
        } else {
            root.put("raw", Base64.getEncoder().encodeToString(kept));
            root.put("raw_encoding", "base64");
        }
        if (kept.length < raw.length) {
            root.put("raw_truncated", true);
            root.put("raw_bytes", raw.length);
        }
        root.put("received_at", Timestamps.formatMillis(letter.receivedAt));
        return write(root);
    }

    /** Metadata over the limit is replaced by a note, so an enriched record always fits in Kafka. */
    static String metadataWithinLimit(String json) {
        if (json == null) {
            return "{}";
        }
        if (json.length() <= MAX_METADATA_CHARS) {
            return json;
        }
        return "{\"_omitted\":\"metadata of " + json.length() + " characters is over the output limit of "
                + MAX_METADATA_CHARS + "\"}";
    }

    private static void putBoolean(ObjectNode node, String field, String value) {
        if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, Boolean.parseBoolean(value));
        }
    }

    private static byte[] write(ObjectNode root) {
        try {
            return MAPPER.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write output JSON", e);
        }
    }
}
