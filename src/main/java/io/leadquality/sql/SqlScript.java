package io.leadquality.sql;

import io.leadquality.config.JobConfig;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SQL files of {@code conf/sql/}: the job's settings filled in for their {@code ${key}}
 * placeholders, then cut into statements, as the Flink SQL client reads a script.
 */
public final class SqlScript {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z0-9.-]+)}");

    private SqlScript() {}

    /** The values of the placeholders conf/sql/tables.sql uses, from the job's own settings. */
    public static Map<String, String> placeholders(JobConfig config) {
        Map<String, String> values = new LinkedHashMap<>();
        values.put("kafka.bootstrap-servers", literal(config.bootstrapServers));
        values.put("kafka.group-id", literal(config.groupId));
        values.put("kafka.topics.enriched", literal(config.topicEnriched));
        values.put("kafka.topics.alerts", literal(config.topicAlerts));
        values.put("kafka.topics.status-changes", literal(config.topicStatusChanges));
        values.put("kafka.topics.dead-letter", literal(config.topicDeadLetter));
        values.put("kafka.topics.source-quality", literal(config.topicSourceQuality));
        // The client settings the job's own clients get (SASL, SSL), as options of every table.
        StringBuilder properties = new StringBuilder();
        config.kafkaProperties.forEach((key, value) -> properties.append(",\n  'properties.").append(literal(key))
                .append("' = '").append(literal(value)).append('\''));
        values.put("kafka.properties", properties.toString());
        return values;
    }

    /** {@code text} with each {@code ${key}} replaced; a placeholder with no value is an error naming it. */
    public static String render(String text, Map<String, String> values) {
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalArgumentException("unknown placeholder ${" + m.group(1) + "}: known are " + values.keySet());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * The statements of a script, each without its closing {@code ;}: a {@code ;} inside a quoted
     * string, a quoted name or a comment does not end one, and what holds only comments is dropped.
     */
    public static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean code = false; // the current statement has more than comments and blanks
        int i = 0;
        while (i < script.length()) {
            char c = script.charAt(i);
            int end;
            if (c == '-' && script.startsWith("--", i)) {
                end = script.indexOf('\n', i);
                end = end < 0 ? script.length() : end;
            } else if (c == '/' && script.startsWith("/*", i)) {
                end = script.indexOf("*/", i + 2);
                end = end < 0 ? script.length() : end + 2;
            } else if (c == '\'' || c == '`' || c == '"') {
                end = closingQuote(script, i);
                code = true;
            } else if (c == ';') {
                if (code) {
                    statements.add(current.toString().strip());
                }
                current.setLength(0);
                code = false;
                i++;
                continue;
            } else {
                end = i + 1;
                code |= !Character.isWhitespace(c);
            }
            current.append(script, i, end);
            i = end;
        }
        if (code) {
            statements.add(current.toString().strip());
        }
        return statements;
    }

    /** The index after the quote that closes the one at {@code open}; a doubled quote is one character. */
    private static int closingQuote(String script, int open) {
        char quote = script.charAt(open);
        int i = open + 1;
        while (i < script.length()) {
            if (script.charAt(i) == quote) {
                if (i + 1 < script.length() && script.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        throw new IllegalArgumentException("a quote (" + quote + ") opened at character " + open + " is never closed");
    }

    /** Text for inside a SQL string literal. */
    static String literal(String value) {
        return value.replace("'", "''");
    }
}
