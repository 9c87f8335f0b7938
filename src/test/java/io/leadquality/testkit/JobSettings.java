package io.leadquality.testkit;

import io.leadquality.config.JobConfig;
import io.leadquality.sim.SelaSimulator;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The job's settings for one test: topics named {@code <prefix>in}, {@code <prefix>enriched},
 * {@code <prefix>alerts}, {@code <prefix>status}, {@code <prefix>dlq}, {@code <prefix>refresh},
 * {@code <prefix>suppressions} (compacted);
 * the embedded broker and simulator; parallelism 2; refresh off unless a test turns it on.
 */
public final class JobSettings {
    public static final String[] TOPIC_SUFFIXES = {"in", "enriched", "alerts", "status", "dlq", "refresh", "webhooks"};

    private final Map<String, String> settings = new HashMap<>();

    private JobSettings(String prefix, EmbeddedKafka kafka, String selaBaseUrl, Path tokenFile) {
        settings.put("kafka.bootstrap-servers", kafka.bootstrapServers());
        settings.put("kafka.group-id", prefix + "group");
        settings.put("kafka.transactional-id-prefix", prefix + "tx");
        settings.put("kafka.input-topics", prefix + "in:auto");
        settings.put("kafka.topics.enriched", prefix + "enriched");
        settings.put("kafka.topics.alerts", prefix + "alerts");
        settings.put("kafka.topics.status-changes", prefix + "status");
        settings.put("kafka.topics.dead-letter", prefix + "dlq");
        settings.put("kafka.topics.refresh-requests", prefix + "refresh");
        settings.put("kafka.topics.suppressions", prefix + "suppressions");
        settings.put("kafka.topics.sela-webhooks", prefix + "webhooks");
        settings.put("kafka.topics.source-quality", prefix + "quality");
        settings.put("kafka.transaction-timeout", "1min");
        settings.put("checkpoint.timeout", "20s");
        settings.put("sela.base-url", selaBaseUrl);
        settings.put("sela.token-file", tokenFile.toString());
        settings.put("sela.refresh-interval", "0");
        settings.put("checkpoint.interval", "500ms");
        settings.put("parallelism", "2");
    }

    /** Writes the token to {@code dir/token} (once) and returns the settings for topics named with {@code prefix}. */
    public static JobSettings of(String prefix, EmbeddedKafka kafka, SelaSimulator sela, Path dir, String token) {
        return of(prefix, kafka, sela.baseUrl(), dir, token);
    }

    /** As {@link #of(String, EmbeddedKafka, SelaSimulator, Path, String)}, for another Sela server. */
    public static JobSettings of(String prefix, EmbeddedKafka kafka, String selaBaseUrl, Path dir, String token) {
        Path tokenFile = dir.resolve("token");
        try {
            if (!Files.exists(tokenFile)) {
                Files.writeString(tokenFile, token);
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return new JobSettings(prefix, kafka, selaBaseUrl, tokenFile);
    }

    public JobSettings set(String key, String value) {
        settings.put(key, value);
        return this;
    }

    public JobConfig config() {
        return JobConfig.from(settings);
    }

    /** Creates the test's topics, {@code partitions} each; the suppression list compacted. */
    public static void createTopics(EmbeddedKafka kafka, String prefix, int partitions) throws Exception {
        String[] topics = new String[TOPIC_SUFFIXES.length];
        for (int i = 0; i < topics.length; i++) {
            topics[i] = prefix + TOPIC_SUFFIXES[i];
        }
        kafka.createTopics(partitions, topics);
        kafka.createCompactedTopic(partitions, prefix + "suppressions");
        kafka.createCompactedTopic(partitions, prefix + "quality");
    }

    /** One task manager with two slots, for jobs at parallelism 2. */
    public static MiniClusterExtension miniCluster() {
        return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());
    }

    /**
     * Cancels the job and waits until it has stopped: the sink aborts its Kafka transaction on the
     * way out, so the broker must still be up until then (a broker closed first costs a 60 s timeout).
     */
    public static void cancelAndWait(JobClient job) throws Exception {
        job.cancel().get();
        long deadline = System.currentTimeMillis() + 60_000;
        while (System.currentTimeMillis() < deadline) {
            try {
                if (job.getJobStatus().get().isGloballyTerminalState()) {
                    return;
                }
            } catch (IllegalStateException | java.util.concurrent.ExecutionException e) {
                return; // a local environment's own mini cluster shuts down with its job
            }
            Thread.sleep(50);
        }
    }

    /** Flink settings for test jobs: no Kryo fallback, so a type that is not a POJO fails the test. */
    public static Configuration flinkConfig() {
        Configuration flink = new Configuration();
        flink.set(PipelineOptions.GENERIC_TYPES, false);
        return flink;
    }

    /** As {@link #flinkConfig()}, and any failure fails the job: for tests that must see no restart. */
    public static Configuration flinkConfigWithoutRestarts() {
        Configuration flink = flinkConfig();
        flink.set(RestartStrategyOptions.RESTART_STRATEGY, "none");
        return flink;
    }
}
