package io.leadquality.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * An Instantly API v2 Lead. Custom variables ({@code payload}) become metadata; {@code campaign}
 * is the lead type unless the payload names a {@code lead_type}.
 */
final class InstantlyLeadParser implements FormatParser {
    private static final long serialVersionUID = 1L;
    private static final String[] KEPT_FIELDS = {"company_name", "job_title", "website", "personalization", "status",
        "lt_interest_status", "list_id"};

    private final String idField;

    InstantlyLeadParser(String idField) {
        this.idField = idField;
    }

    @Override
    public RawLead read(ObjectNode root) throws InvalidLeadException {
        RawLead lead = new RawLead();
        lead.externalId = JsonFields.textAt(JsonPaths.at(root, idField), idField);
        ObjectNode payload = JsonFields.object(root, "payload", "payload");
        ObjectNode metadata = root.objectNode();
        if (payload != null) {
            metadata.setAll(payload);
        }
        for (String field : KEPT_FIELDS) {
            if (root.hasNonNull(field)) {
                metadata.set(field, root.get(field));
            }
        }
        lead.metadata = metadata;
        lead.email = JsonFields.text(root, "email", "email");
        lead.phone = JsonFields.text(root, "phone", "phone");
        if (lead.phone == null && payload != null) {
            lead.phone = JsonFields.text(payload, "phone", "payload.phone");
        }
        lead.firstName = JsonFields.text(root, "first_name", "first_name");
        lead.lastName = JsonFields.text(root, "last_name", "last_name");
        if (payload != null) {
            lead.usState = firstNonNull(JsonFields.text(payload, "us_state", "payload.us_state"),
                    JsonFields.text(payload, "state", "payload.state"));
            lead.leadType = JsonFields.text(payload, "lead_type", "payload.lead_type");
            lead.leadSource = JsonFields.text(payload, "lead_source", "payload.lead_source");
        }
        if (lead.leadType == null) {
            lead.leadType = JsonFields.text(root, "campaign", "campaign");
        }
        lead.eventTime = firstNonNull(JsonFields.text(root, "timestamp_updated", "timestamp_updated"),
                JsonFields.text(root, "timestamp_created", "timestamp_created"));
        return lead;
    }

    static String firstNonNull(String a, String b) {
        return a != null ? a : b;
    }
}
