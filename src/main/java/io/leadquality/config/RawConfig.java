package io.leadquality.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The flat {@code key -> value} view of the YAML file plus {@code --key value} overrides, before
 * any typing. Nested YAML maps are flattened with dots, so both spellings work.
 */
public final class RawConfig {
    public static final String DEFAULT_FILE = "conf/lead-quality.yaml";

    private RawConfig() {}

    /**
     * Reads the file named by {@code --config} (else {@value #DEFAULT_FILE} when it exists) and
     * applies every other {@code --key value} pair on top.
     */
    public static Map<String, String> fromArgs(String[] args) {
        Map<String, String> overrides = parseArgs(args);
        String file = overrides.remove("config");
        Map<String, String> values = new LinkedHashMap<>();
        if (file != null) {
            Path path = Path.of(file);
            if (!Files.isRegularFile(path)) {
                throw new ConfigException("config", "file " + file + " does not exist");
            }
            values.putAll(readYaml(path));
        } else if (Files.isRegularFile(Path.of(DEFAULT_FILE))) {
            values.putAll(readYaml(Path.of(DEFAULT_FILE)));
        }
        values.putAll(overrides);
        return values;
    }

    public static Map<String, String> parseArgs(String[] args) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new ConfigException(arg, "expected --key value on the command line");
            }
            String key = arg.substring(2);
            int eq = key.indexOf('=');
            if (eq > 0) {
                out.put(key.substring(0, eq), key.substring(eq + 1));
            } else if (i + 1 < args.length) {
                out.put(key, args[++i]);
            } else {
                throw new ConfigException(key, "no value given on the command line");
            }
        }
        return out;
    }

    public static Map<String, String> readYaml(Path path) {
        try {
            JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(path.toFile());
            Map<String, String> out = new LinkedHashMap<>();
            if (root != null && !root.isMissingNode() && !root.isNull()) {
                if (!root.isObject()) {
                    throw new ConfigException("config", path + " must hold a map of keys to values");
                }
                flatten("", root, out);
            }
            return out;
        } catch (IOException e) {
            throw new ConfigException("config", "cannot read " + path + ": " + firstLine(e.getMessage()));
        }
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
            JsonNode value = field.getValue();
            if (value.isObject()) {
                flatten(key, value, out);
            } else if (value.isArray()) {
                StringBuilder joined = new StringBuilder();
                value.forEach(v -> joined.append(joined.length() == 0 ? "" : ",").append(v.asText()));
                out.put(key, joined.toString());
            } else if (!value.isNull()) {
                out.put(key, value.asText());
            }
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
