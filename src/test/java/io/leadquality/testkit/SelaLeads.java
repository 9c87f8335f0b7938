package io.leadquality.testkit;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Sela lead objects for the simulator, with sensible defaults; tests set what they are about. */
public final class SelaLeads {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final ObjectNode lead = MAPPER.createObjectNode();

    private SelaLeads(long id, String externalId) {
        lead.put("id", id);
        lead.put("external_id", externalId);
        // A phone of its own per lead: marks follow the phone (SPEC section 9), so leads that share one
        // flag each other; a test that wants that sets the phone.
        lead.put("phone_number", String.format("+1804222%04d", id % 10_000));
        lead.put("email", externalId == null ? "lead" + id + "@example.com" : externalId + "@example.com");
        lead.put("status", "OPEN");
        lead.putNull("status_detail");
        lead.putNull("status_reason");
        lead.put("us_state", "VA");
        lead.put("lead_type", 7);
        lead.put("call_dnc", false);
        lead.put("sms_dnc", false);
        lead.put("modified_time", "2025-02-28T15:09:03.139554-08:00");
    }

    public static SelaLeads lead(long id, String externalId) {
        return new SelaLeads(id, externalId);
    }

    public SelaLeads set(String field, Object value) {
        lead.set(field, MAPPER.valueToTree(value));
        return this;
    }

    public ObjectNode build() {
        return lead.deepCopy();
    }
}
