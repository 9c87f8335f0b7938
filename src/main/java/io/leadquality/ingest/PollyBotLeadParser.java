package io.leadquality.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadquality.model.DeadLetterCode;

import java.util.Set;

/**
 * A PollyBot lead, in its {@code {success, data}} envelope or bare. {@code name} is split into
 * first and last name at the first space; fields without a standard place go to metadata.
 */
final class PollyBotLeadParser implements FormatParser {
    private static final long serialVersionUID = 1L;
    private static final Set<String> STANDARD = Set.of("id", "name", "email", "phone", "source", "metadata",
            "createdAt", "updatedAt");

    private final String idField;

    PollyBotLeadParser(String idField) {
        this.idField = idField;
    }

    @Override
    public RawLead read(ObjectNode root) throws InvalidLeadException {
        ObjectNode data = root;
        String idPath = idField;
        if (root.has("success") || root.has("data")) {
            data = JsonFields.object(root, "data", "data");
            if (data == null) {
                String error = root.hasNonNull("error") ? ": " + root.get("error").asText() : "";
                throw new InvalidLeadException(DeadLetterCode.MISSING_IDENTITY,
                        "PollyBot envelope holds no lead in data (success=" + root.path("success").asText() + error + ")");
            }
        } else if (idPath.startsWith("data.")) {
            idPath = idPath.substring("data.".length());
        }
        RawLead lead = new RawLead();
        lead.externalId = JsonFields.textAt(JsonPaths.at(root == data ? data : root, idPath), idPath);
        lead.email = JsonFields.text(data, "email", "data.email");
        lead.phone = JsonFields.text(data, "phone", "data.phone");
        lead.leadSource = JsonFields.text(data, "source", "data.source");
        String name = JsonFields.text(data, "name", "data.name");
        if (name != null) {
            int space = name.indexOf(' ');
            lead.firstName = space < 0 ? name : name.substring(0, space);
            lead.lastName = space < 0 ? null : name.substring(space + 1).strip();
        }
        lead.eventTime = InstantlyLeadParser.firstNonNull(JsonFields.text(data, "updatedAt", "data.updatedAt"),
                JsonFields.text(data, "createdAt", "data.createdAt"));

        ObjectNode metadata = root.objectNode();
        ObjectNode given = JsonFields.object(data, "metadata", "data.metadata");
        if (given != null) {
            metadata.setAll(given);
        }
        JsonFields.copyFieldsExcept(data, STANDARD, metadata);
        lead.usState = JsonFields.text(metadata, "us_state", "metadata.us_state");
        lead.leadType = JsonFields.text(metadata, "lead_type", "metadata.lead_type");
        lead.metadata = metadata;
        return lead;
    }
}
