package io.leadquality.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.Set;

/**
 * A Sela lead object, create payload or ingestion payload. As Sela does, keys that are not lead
 * fields are kept in {@code metadata}.
 */
final class SelaPayloadParser implements FormatParser {
    private static final long serialVersionUID = 1L;

    /** The PartialLead schema's properties, plus the request-side spelling reengagement_count. */
    static final Set<String> LEAD_FIELDS = Set.of(
            "id", "email", "phone_number", "metadata", "modified_time", "created_time", "status",
            "status_detail", "status_reason", "lead_type", "representative", "next_call_time",
            "next_call_time_reason", "external_id", "us_state", "lead_source", "received_time",
            "reengagements_count", "reengagement_count", "last_reengagement_time", "call_schedule_start_time",
            "sms_dnc", "call_dnc");

    @Override
    public RawLead read(ObjectNode root) throws InvalidLeadException {
        RawLead lead = new RawLead();
        lead.externalId = JsonFields.text(root, "external_id", "external_id");
        lead.selaId = JsonFields.longValue(root, "id", "id");
        lead.phone = JsonFields.text(root, "phone_number", "phone_number");
        lead.email = JsonFields.text(root, "email", "email");
        lead.usState = JsonFields.text(root, "us_state", "us_state");
        lead.leadType = JsonFields.text(root, "lead_type", "lead_type");
        lead.leadSource = JsonFields.text(root, "lead_source", "lead_source");
        lead.eventTime = JsonFields.text(root, "modified_time", "modified_time");

        ObjectNode metadata = root.objectNode();
        ObjectNode given = JsonFields.object(root, "metadata", "metadata");
        if (given != null) {
            metadata.setAll(given);
        }
        JsonFields.copyFieldsExcept(root, LEAD_FIELDS, metadata);
        lead.metadata = metadata;
        lead.firstName = JsonFields.text(metadata, "first_name", "metadata.first_name");
        lead.lastName = JsonFields.text(metadata, "last_name", "metadata.last_name");
        return lead;
    }
}
