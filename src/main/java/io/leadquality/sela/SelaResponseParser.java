package io.leadquality.sela;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadquality.model.SelaLead;
import io.leadquality.normalize.Emails;
import io.leadquality.normalize.PhoneNumbers;
import io.leadquality.normalize.Timestamps;
import io.leadquality.normalize.UsState;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads Sela responses leniently: unknown fields ignored, malformed timestamps null, and a list
 * page whose {@code results} holds pages (the docs' example) flattened.
 */
public final class SelaResponseParser {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private SelaResponseParser() {}

    /** The leads of a list page, or the single lead of a retrieve response. */
    public static List<SelaLead> leads(byte[] body) throws IOException {
        JsonNode root = MAPPER.readTree(body);
        List<SelaLead> out = new ArrayList<>();
        if (root == null || !root.isObject()) {
            throw new IOException("Sela answered with JSON that is not an object");
        }
        if (root.has("results")) {
            collect(root.get("results"), out);
        } else if (root.has("id")) {
            out.add(lead(root));
        } else {
            throw new IOException("Sela answered with neither a lead nor a page of leads");
        }
        return out;
    }

    private static void collect(JsonNode results, List<SelaLead> out) {
        if (results == null || !results.isArray()) {
            return;
        }
        for (JsonNode item : results) {
            if (item.has("results")) {
                collect(item.get("results"), out);
            } else if (item.isObject()) {
                out.add(lead(item));
            }
        }
    }

    public static SelaLead lead(JsonNode node) {
        SelaLead lead = new SelaLead();
        JsonNode id = node.get("id");
        lead.id = id != null && id.canConvertToLong() ? id.asLong() : null;
        lead.externalId = text(node, "external_id");
        lead.email = Emails.normalize(text(node, "email"));
        lead.phoneNumber = PhoneNumbers.normalize(text(node, "phone_number"));
        lead.status = text(node, "status");
        lead.statusDetail = text(node, "status_detail");
        lead.statusReason = text(node, "status_reason");
        String state = text(node, "us_state");
        UsState parsed = UsState.parse(state);
        lead.usState = parsed != null ? parsed.name() : state;
        lead.leadType = text(node, "lead_type");
        lead.leadSource = text(node, "lead_source");
        lead.callDnc = bool(node, "call_dnc");
        lead.smsDnc = bool(node, "sms_dnc");
        lead.modifiedMicros = Timestamps.parseMicros(text(node, "modified_time"));
        lead.nextCallMicros = Timestamps.parseMicros(text(node, "next_call_time"));
        lead.json = node.toString();
        return lead;
    }

    /** The most recently modified lead; leads without a modified_time come last. */
    public static SelaLead mostRecent(List<SelaLead> leads) {
        return leads.stream()
                .max(Comparator.comparing((SelaLead l) -> l.modifiedMicros, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(l -> l.id, Comparator.nullsFirst(Comparator.naturalOrder())))
                .orElse(null);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull() || value.isContainerNode()) {
            return null;
        }
        String text = value.asText().strip();
        return text.isEmpty() ? null : text;
    }

    private static Boolean bool(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        String text = value.asText();
        return "true".equalsIgnoreCase(text) ? Boolean.TRUE : "false".equalsIgnoreCase(text) ? Boolean.FALSE : null;
    }
}
