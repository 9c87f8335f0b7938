package io.leadquality.ingest;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;

/** Field paths in config, written as JSON pointers ({@code /crm/id}) or dotted ({@code crm.id}). */
final class JsonPaths {
    private JsonPaths() {}

    static JsonPointer pointer(String path) {
        if (path.startsWith("/")) {
            return JsonPointer.compile(path);
        }
        return JsonPointer.compile("/" + path.replace("~", "~0").replace("/", "~1").replace('.', '/'));
    }

    static JsonNode at(JsonNode root, String path) {
        JsonNode node = root.at(pointer(path));
        return node.isMissingNode() ? null : node;
    }

    /** The top-level key a path starts with. */
    static String head(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        int end = path.startsWith("/") ? p.indexOf('/') : p.indexOf('.');
        return end < 0 ? p : p.substring(0, end);
    }
}
