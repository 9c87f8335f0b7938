package io.leadquality.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadquality.model.LeadFormat;

import java.util.regex.Pattern;

/** Recognises a payload's format for topics configured as {@code auto} (SPEC section 1). */
final class FormatDetector {
    private static final Pattern UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private FormatDetector() {}

    /** The detected format, or null when the payload matches none. */
    static LeadFormat detect(JsonNode root) {
        if (root.has("phone_number")) {
            return LeadFormat.SELA;
        }
        JsonNode id = root.get("id");
        if (root.has("timestamp_created") && id != null && id.isTextual() && UUID.matcher(id.textValue()).matches()) {
            return LeadFormat.INSTANTLY;
        }
        // PollyBot's envelope, also its error bodies: {"success": false, "error": ...}
        JsonNode success = root.get("success");
        if (success != null && success.isBoolean() && (root.has("data") || root.has("error"))) {
            return LeadFormat.POLLYBOT;
        }
        if (id != null && id.isTextual() && id.textValue().startsWith("lead_")) {
            return LeadFormat.POLLYBOT;
        }
        return null;
    }
}
