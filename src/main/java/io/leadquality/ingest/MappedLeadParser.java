package io.leadquality.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Any JSON, read through {@code format.mapped.<field>} paths, like a Sela lead ingestion config;
 * top-level keys no path uses become metadata.
 */
final class MappedLeadParser implements FormatParser {
    private static final long serialVersionUID = 1L;

    private final Map<String, String> paths;

    MappedLeadParser(Map<String, String> paths) {
        this.paths = paths;
    }

    @Override
    public RawLead read(ObjectNode root) throws InvalidLeadException {
        RawLead lead = new RawLead();
        lead.externalId = field(root, "external_id");
        lead.phone = field(root, "phone_number");
        lead.email = field(root, "email");
        lead.usState = field(root, "us_state");
        lead.leadType = field(root, "lead_type");
        lead.leadSource = field(root, "lead_source");
        lead.firstName = field(root, "first_name");
        lead.lastName = field(root, "last_name");
        lead.eventTime = field(root, "event_time");
        String selaId = field(root, "sela_id");
        if (selaId != null && selaId.matches("\\d{1,18}")) {
            lead.selaId = Long.parseLong(selaId);
        }
        Set<String> used = new HashSet<>();
        paths.values().forEach(p -> used.add(JsonPaths.head(p)));
        lead.metadata = root.objectNode();
        JsonFields.copyFieldsExcept(root, used, lead.metadata);
        return lead;
    }

    private String field(ObjectNode root, String name) throws InvalidLeadException {
        String path = paths.get(name);
        return path == null ? null : JsonFields.textAt(JsonPaths.at(root, path), path);
    }
}
