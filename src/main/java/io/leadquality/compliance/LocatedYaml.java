package io.leadquality.compliance;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document read into values that remember their line (the line of their key, else where they
 * start), so an error in the rules file names its line (a tree of Jackson nodes forgets where each came from). Scalars are kept as
 * their text: {@code 08:00} must not become a number. A key given twice is an error, not the last one
 * silently winning.
 */
record LocatedYaml(Object value, int line) {

    /** A problem in the document, at a line. */
    static final class YamlError extends RuntimeException {
        final int line;

        YamlError(int line, String problem) {
            super(problem);
            this.line = line;
        }
    }

    static LocatedYaml read(String text) {
        try (JsonParser parser = new YAMLFactory().createParser(text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new YamlError(1, "the file is empty");
            }
            return readValue(parser, 0);
        } catch (IOException e) {
            int line = e instanceof com.fasterxml.jackson.core.JsonProcessingException p && p.getLocation() != null
                    ? p.getLocation().getLineNr() : 1;
            throw new YamlError(line, "not valid YAML: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static LocatedYaml readValue(JsonParser parser, int keyLine) throws IOException {
        int line = keyLine > 0 ? keyLine : parser.currentTokenLocation().getLineNr();
        JsonToken token = parser.currentToken();
        if (token == JsonToken.START_OBJECT) {
            Map<String, LocatedYaml> entries = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                int nameLine = parser.currentTokenLocation().getLineNr();
                parser.nextToken();
                if (entries.put(name, readValue(parser, nameLine)) != null) {
                    throw new YamlError(nameLine, "'" + name + "' is given twice");
                }
            }
            return new LocatedYaml(Collections.unmodifiableMap(entries), line);
        }
        if (token == JsonToken.START_ARRAY) {
            List<LocatedYaml> items = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                items.add(readValue(parser, 0));
            }
            return new LocatedYaml(Collections.unmodifiableList(items), line);
        }
        return new LocatedYaml(token == JsonToken.VALUE_NULL ? null : parser.getText(), line);
    }

    /** The entries of a map, or an error naming what was expected. */
    @SuppressWarnings("unchecked")
    Map<String, LocatedYaml> map(String what) {
        if (value instanceof Map<?, ?> map) {
            return (Map<String, LocatedYaml>) map;
        }
        throw new YamlError(line, what + " must be a map of names to values");
    }

    @SuppressWarnings("unchecked")
    List<LocatedYaml> list(String what) {
        if (value instanceof List<?> list) {
            return (List<LocatedYaml>) list;
        }
        throw new YamlError(line, what + " must be a list");
    }

    String text(String what) {
        if (value instanceof String text && !text.isBlank()) {
            return text.trim();
        }
        throw new YamlError(line, what + " must be a value, such as text or a number");
    }

    YamlError error(String problem) {
        return new YamlError(line, problem);
    }
}
