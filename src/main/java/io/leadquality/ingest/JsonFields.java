package io.leadquality.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadquality.model.DeadLetterCode;

import java.util.Locale;
import java.util.Set;

/** Typed reads of payload fields; a wrong type is an INVALID_FIELD naming the field. */
final class JsonFields {
    private static final int MAX_TEXT = 4096;

    private JsonFields() {}

    /** A string (numbers accepted, as CRMs send ids and phones as numbers); null when absent. */
    static String text(JsonNode parent, String field, String path) throws InvalidLeadException {
        return textAt(parent == null ? null : parent.get(field), path);
    }

    static String textAt(JsonNode node, String path) throws InvalidLeadException {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return null;
        }
        if (node.isTextual()) {
            String value = node.textValue().strip();
            if (value.length() > MAX_TEXT) {
                throw new InvalidLeadException(DeadLetterCode.INVALID_FIELD,
                        "Field " + path + " is " + value.length() + " characters long, over the limit of " + MAX_TEXT);
            }
            return value.isEmpty() ? null : value;
        }
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue().toString();
        }
        throw new InvalidLeadException(DeadLetterCode.INVALID_FIELD,
                "Field " + path + " must be a string, but is " + describe(node));
    }

    /** An object or null; anything else is an INVALID_FIELD. */
    static ObjectNode object(JsonNode parent, String field, String path) throws InvalidLeadException {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw new InvalidLeadException(DeadLetterCode.INVALID_FIELD,
                    "Field " + path + " must be an object, but is " + describe(node));
        }
        return (ObjectNode) node;
    }

    /** A whole number that fits a long, or null. */
    static Long longValue(JsonNode parent, String field, String path) throws InvalidLeadException {
        JsonNode node = parent.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return node.longValue();
        }
        if (node.isTextual() && node.textValue().matches("\\d{1,18}")) {
            return Long.parseLong(node.textValue());
        }
        throw new InvalidLeadException(DeadLetterCode.INVALID_FIELD,
                "Field " + path + " must be a whole number, but is " + describe(node));
    }

    /** Copies the fields of {@code from} whose names are not in {@code except} into {@code into}. */
    static void copyFieldsExcept(ObjectNode from, Set<String> except, ObjectNode into) {
        from.properties().forEach(field -> {
            if (!except.contains(field.getKey())) {
                into.set(field.getKey(), field.getValue());
            }
        });
    }

    static String describe(JsonNode node) {
        if (node.isObject()) {
            return "an object";
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isBoolean()) {
            return "a boolean";
        }
        if (node.isNumber()) {
            return "the number " + node.asText();
        }
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
