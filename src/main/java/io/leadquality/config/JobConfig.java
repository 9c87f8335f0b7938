package io.leadquality.config;

import io.leadquality.compliance.CallingRules;
import io.leadquality.compliance.CallingRulesFile;
import io.leadquality.compliance.CallingWindows;
import io.leadquality.compliance.TerritoryPolicy;
import io.leadquality.model.LeadFormat;
import org.apache.flink.util.TimeUtils;

import java.io.Serializable;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every setting of the job, typed and validated once at start-up. The API token is deliberately
 * not here: functions read it on the task managers (see {@code SelaToken}), so it never travels in
 * the job graph or shows in Flink's web UI.
 */
public final class JobConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The fields a {@code format.mapped.<field>} path may name. */
    public static final List<String> MAPPED_FIELDS = List.of(
            "external_id", "phone_number", "email", "us_state", "lead_type", "lead_source",
            "first_name", "last_name", "event_time", "sela_id");

    /** Keys of the config file that the scripts read, not the job (jobs/submit, jobs/savepoint). */
    static final Set<String> NOT_READ_BY_THE_JOB = Set.of("flink.rest-address");

    public enum Delivery {
        EXACTLY_ONCE,
        AT_LEAST_ONCE
    }

    // Kafka
    public final String bootstrapServers;
    public final String groupId;
    public final Map<String, LeadFormat> inputTopics;
    public final String topicEnriched;
    public final String topicAlerts;
    public final String topicStatusChanges;
    public final String topicDeadLetter;
    /** Refresh requests the job writes to itself (SPEC section 7); read back like an input. */
    public final String topicRefreshRequests;
    /** The compacted suppression list (SPEC section 7), read by every parallel instance. */
    public final String topicSuppressions;
    /** Sela's outbound webhooks as the receiver wrote them (SPEC section 8). */
    public final String topicSelaWebhooks;
    /** SPEC section 11: per lead source and type, per event-time window; compacted, created when missing. */
    public final String topicSourceQuality;
    public final Duration analyticsWindow;
    public final Duration analyticsAllowedLateness;
    public final Delivery delivery;
    public final String transactionalIdPrefix;
    public final Duration transactionTimeout;
    public final Map<String, String> kafkaProperties;
    public final boolean bounded;

    // Input formats
    public final int maxRecordBytes;
    public final String instantlyIdField;
    public final String pollybotIdField;
    public final Map<String, String> mappedFields;

    // Sela
    public final URI selaBaseUrl;
    /** Plain http to a host other than this one sends the token in clear text: only when asked for. */
    public final boolean selaAllowInsecureHttp;
    public final String selaTokenEnv;
    public final String selaTokenFile;
    public final Duration selaTimeout;
    public final int selaMaxRetries;
    public final Duration selaRetryBackoff;
    public final Duration selaRetryMaxBackoff;
    public final int selaMaxInFlight;
    public final double selaMaxRequestsPerSecond;
    public final Duration selaCacheTtl;
    /** How often the Sela state of a lead whose status is not final is fetched again; zero = never. */
    public final Duration selaRefreshInterval;
    /** A trust store for https base URLs whose certificate the JVM's defaults do not trust; null = defaults. */
    public final String selaTrustStore;
    /** Where the task managers read the trust store's password: never the password itself, which would travel in the job graph. */
    public final String selaTrustStorePasswordEnv;
    public final String selaTrustStorePasswordFile;
    public final String selaTrustStoreType;

    // Rules
    /** The webhook receiver (jobs/sela-webhooks): where it listens, where it reads its secret. */
    public final int webhooksPort;
    public final String webhooksBind;
    public final String webhooksSecretEnv;
    public final String webhooksSecretFile;
    /** Webhook triggers that record a call to the lead's phone (SPEC section 8). */
    public final Set<String> callsTriggers;

    public final TerritoryPolicy territories;
    public final CallingWindows callingWindows;
    /** The rules file (SPEC section 10), narrowed by {@link #callingWindows}. */
    public final CallingRules callingRules;

    // Runtime
    public final Duration checkpointInterval;
    /** A checkpoint not complete after this long is aborted (its transaction with it). */
    public final Duration checkpointTimeout;
    /** Checkpoints start aligned and turn unaligned after {@link #checkpointAlignedTimeout} of backpressure. */
    public final boolean checkpointUnaligned;
    public final Duration checkpointAlignedTimeout;
    /** Where checkpoints go; null = the cluster's setting (jobs/run-local defaults it to work/checkpoints). */
    public final String checkpointsDir;
    /** {@code hashmap} or {@code rocksdb} (with incremental checkpoints); null = the cluster's setting. */
    public final String stateBackend;
    public final Duration stateTtl;
    /** How long a phone keeps a Sela mark after the job last saw a lead carry it (SPEC section 9). */
    public final Duration markRetention;
    /** 0 when unset: the environment's ({@code flink run -p}, else the cluster's {@code parallelism.default}). */
    public final int parallelism;

    private final Map<String, String> effective;

    private JobConfig(Map<String, String> raw) {
        Values v = new Values(raw);
        bootstrapServers = v.required("kafka.bootstrap-servers");
        groupId = v.string("kafka.group-id", "lead-quality");
        inputTopics = parseInputTopics(v.string("kafka.input-topics", "leads.incoming:auto"));
        topicEnriched = v.string("kafka.topics.enriched", "leads.enriched");
        topicAlerts = v.string("kafka.topics.alerts", "leads.alerts");
        topicStatusChanges = v.string("kafka.topics.status-changes", "leads.status-changes");
        topicDeadLetter = v.string("kafka.topics.dead-letter", "leads.dead-letter");
        topicRefreshRequests = v.string("kafka.topics.refresh-requests", "leads.refresh-requests");
        topicSuppressions = v.string("kafka.topics.suppressions", "leads.suppressions");
        topicSelaWebhooks = v.string("kafka.topics.sela-webhooks", "sela.webhooks");
        topicSourceQuality = v.string("kafka.topics.source-quality", "leads.source-quality");
        delivery = parseDelivery(v.string("kafka.delivery", "exactly-once"));
        transactionalIdPrefix = v.string("kafka.transactional-id-prefix", groupId);
        transactionTimeout = v.duration("kafka.transaction-timeout", "10min");
        kafkaProperties = v.withPrefix("kafka.properties.");
        bounded = v.bool("kafka.bounded", false);

        maxRecordBytes = v.intAtLeast("source.max-record-bytes", 1 << 20, 1);
        instantlyIdField = v.string("format.instantly.id-field", "id");
        pollybotIdField = v.string("format.pollybot.id-field", "data.id");
        mappedFields = v.withPrefix("format.mapped.");

        selaBaseUrl = parseBaseUrl(v.required("sela.base-url"));
        selaTokenEnv = v.string("sela.token-env", "SELA_API_TOKEN");
        selaTokenFile = v.optional("sela.token-file");
        selaTimeout = v.positiveDuration("sela.timeout", "5s");
        selaMaxRetries = v.intAtLeast("sela.max-retries", 3, 0);
        selaRetryBackoff = v.positiveDuration("sela.retry-backoff", "200ms");
        selaRetryMaxBackoff = v.positiveDuration("sela.retry-max-backoff", "10s");
        selaMaxInFlight = v.intAtLeast("sela.max-in-flight", 100, 1);
        selaMaxRequestsPerSecond = v.positiveDouble("sela.max-requests-per-second", 50);
        selaCacheTtl = v.duration("sela.cache-ttl", "1min");
        selaRefreshInterval = v.duration("sela.refresh-interval", "15min");
        selaTrustStore = v.optional("sela.trust-store");
        if (v.optional("sela.trust-store-password") != null) {
            throw new ConfigException("sela.trust-store-password", "passwords are not taken from the configuration, which "
                    + "travels in the job graph: name an environment variable (sela.trust-store-password-env) or a file "
                    + "(sela.trust-store-password-file)");
        }
        selaTrustStorePasswordEnv = v.optional("sela.trust-store-password-env");
        selaTrustStorePasswordFile = v.optional("sela.trust-store-password-file");
        selaAllowInsecureHttp = v.bool("sela.allow-insecure-http", false);
        requireTlsUnlessLoopback();
        selaTrustStoreType = v.string("sela.trust-store-type", "PKCS12");

        webhooksPort = v.intAtLeast("webhooks.port", 8090, 0);
        webhooksBind = v.string("webhooks.bind", "127.0.0.1");
        webhooksSecretEnv = v.string("webhooks.secret-env", "SELA_WEBHOOK_SECRET");
        webhooksSecretFile = v.optional("webhooks.secret-file");
        analyticsWindow = v.positiveDuration("analytics.window", "1h");
        analyticsAllowedLateness = v.duration("analytics.allowed-lateness", "1d");
        callsTriggers = parseTriggers(v.string("calls.triggers", "CALL_COMPLETE,CALL_ENDED,CALL_FAILED"));

        territories = TerritoryPolicy.parse(v.withPrefix("territory."));
        callingWindows = CallingWindows.parse(v.withPrefix("calling-window."));
        callingRules = CallingRulesFile.load(v.optional(CallingRulesFile.KEY), callingWindows);

        checkpointInterval = v.positiveDuration("checkpoint.interval", "10s");
        checkpointTimeout = v.positiveDuration("checkpoint.timeout", "4min");
        checkpointUnaligned = v.bool("checkpoint.unaligned", true);
        checkpointAlignedTimeout = v.duration("checkpoint.aligned-timeout", "5s");
        checkpointsDir = parseCheckpointsDir(v.optional("state.checkpoints.dir"));
        stateBackend = parseStateBackend(v.optional("state.backend"));
        stateTtl = v.positiveDuration("state.ttl", "30d");
        markRetention = v.positiveDuration("compliance.mark-retention", "1825d");
        parallelism = v.optional("parallelism") == null ? 0 : v.intAtLeast("parallelism", 1, 1);

        if (delivery == Delivery.EXACTLY_ONCE) {
            requireTransactionOutlivesCheckpoint();
        }
        String unknown = v.unknownKey();
        if (unknown != null) {
            throw new ConfigException(unknown, "unknown key" + nearest(unknown, v.read));
        }
        requireDistinctTopics();
        for (String field : mappedFields.keySet()) {
            if (!MAPPED_FIELDS.contains(field)) {
                throw new ConfigException("format.mapped." + field, "unknown field; expected one of " + MAPPED_FIELDS);
            }
        }
        if (inputTopics.containsValue(LeadFormat.MAPPED) && !mappedFields.containsKey("external_id")
                && !mappedFields.containsKey("phone_number") && !mappedFields.containsKey("email")) {
            throw new ConfigException("format.mapped.external_id",
                    "a mapped input topic needs a pointer for external_id, phone_number or email");
        }
        effective = Collections.unmodifiableMap(new TreeMap<>(raw));
    }

    /**
     * A transaction opens at one checkpoint's barrier and commits when the next checkpoint completes:
     * up to max(interval, timeout) between barriers (a slow checkpoint delays the next), plus the
     * timeout. Kafka must not abort it first, or the commit fails and its records are lost.
     */
    private void requireTransactionOutlivesCheckpoint() {
        Duration longest = (checkpointInterval.compareTo(checkpointTimeout) > 0 ? checkpointInterval : checkpointTimeout)
                .plus(checkpointTimeout);
        if (longest.compareTo(transactionTimeout) >= 0) {
            throw new ConfigException("checkpoint.timeout", "with checkpoint.timeout " + format(checkpointTimeout)
                    + " and checkpoint.interval " + format(checkpointInterval) + " a transaction may stay open "
                    + format(longest) + ", which is not below kafka.transaction-timeout " + format(transactionTimeout)
                    + ": lower checkpoint.timeout or raise kafka.transaction-timeout");
        }
    }

    private void requireTlsUnlessLoopback() {
        if (!"http".equals(selaBaseUrl.getScheme()) || selaAllowInsecureHttp) {
            return;
        }
        String host = selaBaseUrl.getHost();
        boolean loopback = host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]") || host.equals("::1");
        if (!loopback) {
            throw new ConfigException("sela.base-url", "plain http to " + host + " would send the API token in clear "
                    + "text: use https, or set sela.allow-insecure-http: true");
        }
    }

    /** An output that is also an input, or two outputs in one topic, would mix records or loop them. */
    private void requireDistinctTopics() {
        Map<String, String> byTopic = new LinkedHashMap<>();
        for (String topic : inputTopics.keySet()) {
            byTopic.putIfAbsent(topic, "kafka.input-topics");
        }
        String[][] named = {{"kafka.topics.enriched", topicEnriched}, {"kafka.topics.alerts", topicAlerts},
            {"kafka.topics.status-changes", topicStatusChanges}, {"kafka.topics.dead-letter", topicDeadLetter},
            {"kafka.topics.refresh-requests", topicRefreshRequests}, {"kafka.topics.suppressions", topicSuppressions},
            {"kafka.topics.sela-webhooks", topicSelaWebhooks}, {"kafka.topics.source-quality", topicSourceQuality}};
        for (String[] keyAndTopic : named) {
            String other = byTopic.putIfAbsent(keyAndTopic[1], keyAndTopic[0]);
            if (other != null) {
                throw new ConfigException(keyAndTopic[0], "topic " + keyAndTopic[1] + " is also " + other
                        + "; every input and output needs a topic of its own");
            }
        }
    }

    /**
     * Flink wants a URI; a path without a scheme is a local directory, resolved where the config is
     * read, as jobs/run-local has always taken it (a cluster needs it on a file system every node sees).
     */
    private static String parseCheckpointsDir(String value) {
        if (value == null) {
            return null;
        }
        if (value.matches("[a-zA-Z][a-zA-Z0-9+.-]+:.*")) {
            return value;
        }
        try {
            return Path.of(value).toAbsolutePath().normalize().toUri().toString();
        } catch (java.nio.file.InvalidPathException e) {
            throw new ConfigException("state.checkpoints.dir", "'" + value + "' is neither a path nor a URI"
                    + " such as file:///var/checkpoints or s3://bucket/checkpoints");
        }
    }

    /** A hint for a typo: the known key closest to it, when one is close. */
    private static String nearest(String unknown, Set<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String key : known) {
            int distance = editDistance(unknown, key);
            if (distance < bestDistance) {
                best = key;
                bestDistance = distance;
            }
        }
        return best != null && bestDistance <= Math.max(2, unknown.length() / 5) ? "; did you mean " + best + "?" : "";
    }

    private static int editDistance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }

    private static String format(Duration duration) {
        return TimeUtils.formatWithHighestUnit(duration);
    }

    public boolean refreshEnabled() {
        return !selaRefreshInterval.isZero();
    }

    /** Every topic the source reads: the inputs, Sela's webhooks, and the refresh requests when refresh is on. */
    public List<String> sourceTopics() {
        List<String> topics = new ArrayList<>(inputTopics.keySet());
        topics.add(topicSelaWebhooks);
        if (refreshEnabled()) {
            topics.add(topicRefreshRequests);
        }
        return topics;
    }

    public static JobConfig from(Map<String, String> raw) {
        return new JobConfig(raw);
    }

    public static JobConfig fromArgs(String[] args) {
        return from(RawConfig.fromArgs(args));
    }

    /** The settings as given, for the start-up log line; values of secret-looking keys are masked. */
    public Map<String, String> maskedSettings() {
        Map<String, String> masked = new TreeMap<>();
        effective.forEach((k, val) -> masked.put(k, looksSecret(k) ? "******" : val));
        return masked;
    }

    /** A copy with some settings replaced, validated again. */
    public JobConfig with(Map<String, String> overrides) {
        Map<String, String> raw = new LinkedHashMap<>(effective);
        raw.putAll(overrides);
        return from(raw);
    }

    static boolean looksSecret(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.contains("password") || k.contains("secret") || k.contains("jaas") || k.endsWith("token")
                || k.contains("credential") || k.contains("key.password");
    }

    private static Map<String, LeadFormat> parseInputTopics(String value) {
        Map<String, LeadFormat> topics = new LinkedHashMap<>();
        for (String entry : value.split(",")) {
            String item = entry.trim();
            if (item.isEmpty()) {
                continue;
            }
            int colon = item.lastIndexOf(':');
            String topic = colon < 0 ? item : item.substring(0, colon).trim();
            String formatName = colon < 0 ? "auto" : item.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
            LeadFormat format = LeadFormat.fromWireName(formatName);
            if (format == null) {
                throw new ConfigException("kafka.input-topics",
                        "unknown format '" + formatName + "' for topic " + topic
                                + " (expected auto, sela, instantly, pollybot or mapped)");
            }
            if (topic.isEmpty()) {
                throw new ConfigException("kafka.input-topics", "empty topic name in '" + value + "'");
            }
            topics.put(topic, format);
        }
        if (topics.isEmpty()) {
            throw new ConfigException("kafka.input-topics", "must name at least one topic");
        }
        return Collections.unmodifiableMap(topics);
    }

    private static Set<String> parseTriggers(String value) {
        Set<String> triggers = new java.util.TreeSet<>();
        for (String item : value.split(",")) {
            String trigger = item.trim().toUpperCase(Locale.ROOT);
            if (trigger.isEmpty()) {
                continue;
            }
            if (!io.leadquality.webhooks.SelaTriggers.ALL.contains(trigger)) {
                throw new ConfigException("calls.triggers", "'" + item.trim() + "' is not a Sela webhook trigger");
            }
            triggers.add(trigger);
        }
        return Collections.unmodifiableSet(triggers);
    }

    private static Delivery parseDelivery(String value) {
        switch (value) {
            case "exactly-once":
                return Delivery.EXACTLY_ONCE;
            case "at-least-once":
                return Delivery.AT_LEAST_ONCE;
            default:
                throw new ConfigException("kafka.delivery", "'" + value + "' is not exactly-once or at-least-once");
        }
    }

    private static String parseStateBackend(String value) {
        if (value == null) {
            return null;
        }
        String backend = value.toLowerCase(Locale.ROOT);
        if (!backend.equals("hashmap") && !backend.equals("rocksdb")) {
            throw new ConfigException("state.backend", "'" + value + "' is not hashmap or rocksdb");
        }
        return backend;
    }

    private static URI parseBaseUrl(String value) {
        try {
            URI uri = new URI(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
            if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                throw new ConfigException("sela.base-url", "'" + value + "' is not an http(s) URL");
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw new ConfigException("sela.base-url", "'" + value + "' is not a URL");
        }
    }

    /** Reads typed values, each failure naming its key; remembers what was read, so a key nothing reads is a typo. */
    private static final class Values {
        private final Map<String, String> raw;
        private final Set<String> read = new HashSet<>(NOT_READ_BY_THE_JOB);
        private final List<String> prefixes = new ArrayList<>();

        Values(Map<String, String> raw) {
            this.raw = raw;
        }

        /** The first key that no part of the config read, or null. */
        String unknownKey() {
            return raw.keySet().stream().sorted()
                    .filter(key -> !read.contains(key) && prefixes.stream().noneMatch(key::startsWith))
                    .findFirst().orElse(null);
        }

        String optional(String key) {
            read.add(key);
            String value = raw.get(key);
            return value == null || value.isBlank() ? null : value.trim();
        }

        String string(String key, String fallback) {
            String value = optional(key);
            return value == null ? fallback : value;
        }

        String required(String key) {
            String value = optional(key);
            if (value == null) {
                throw new ConfigException(key, "is required but not set");
            }
            return value;
        }

        boolean bool(String key, boolean fallback) {
            String value = string(key, Boolean.toString(fallback));
            if (!value.equals("true") && !value.equals("false")) {
                throw new ConfigException(key, "'" + value + "' is not true or false");
            }
            return Boolean.parseBoolean(value);
        }

        int intAtLeast(String key, int fallback, int min) {
            String value = string(key, Integer.toString(fallback));
            try {
                int parsed = Integer.parseInt(value);
                if (parsed < min) {
                    throw new ConfigException(key, "must be at least " + min + ", got " + parsed);
                }
                return parsed;
            } catch (NumberFormatException e) {
                throw new ConfigException(key, "'" + value + "' is not a whole number");
            }
        }

        double positiveDouble(String key, double fallback) {
            String value = string(key, Double.toString(fallback));
            try {
                double parsed = Double.parseDouble(value);
                if (!(parsed > 0) || Double.isInfinite(parsed)) {
                    throw new ConfigException(key, "must be a positive number, got " + value);
                }
                return parsed;
            } catch (NumberFormatException e) {
                throw new ConfigException(key, "'" + value + "' is not a number");
            }
        }

        Duration duration(String key, String fallback) {
            String value = string(key, fallback);
            try {
                Duration parsed = TimeUtils.parseDuration(value);
                if (parsed.isNegative()) {
                    throw new ConfigException(key, "must not be negative");
                }
                return parsed;
            } catch (IllegalArgumentException e) {
                throw new ConfigException(key, "'" + value + "' is not a duration (write it as 500ms, 1s, 15min, 1h, 30d)");
            }
        }

        Duration positiveDuration(String key, String fallback) {
            Duration parsed = duration(key, fallback);
            if (parsed.isZero()) {
                throw new ConfigException(key, "must be longer than zero");
            }
            return parsed;
        }

        Map<String, String> withPrefix(String prefix) {
            prefixes.add(prefix);
            Map<String, String> out = new TreeMap<>();
            raw.forEach((k, val) -> {
                if (k.startsWith(prefix) && k.length() > prefix.length() && val != null) {
                    out.put(k.substring(prefix.length()), val.trim());
                }
            });
            return Collections.unmodifiableMap(out);
        }
    }

}
