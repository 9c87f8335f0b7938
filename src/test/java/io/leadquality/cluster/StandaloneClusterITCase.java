package io.leadquality.cluster;

import io.leadquality.sim.SelaSimulator;
import io.leadquality.testkit.Commands;
import io.leadquality.testkit.EmbeddedKafka;
import io.leadquality.testkit.JobSettings;
import io.leadquality.testkit.KafkaTestClient;
import io.leadquality.testkit.Outputs;
import io.leadquality.testkit.SelaLeads;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The job the way production runs it, through the commands a user types: {@code jobs/cluster start}
 * (a real standalone JobManager and TaskManager, separate processes, from Maven Central jars),
 * {@code jobs/submit} of the packaged jar at parallelism 1, leads in, {@code jobs/savepoint},
 * {@code jobs/submit --from-savepoint} at parallelism 2 on RocksDB (keyed state rescaled and moved from
 * the heap backend), more leads, and state carried over: no first-snapshot status change and no alert
 * repeated. Then everything stops.
 */
class StandaloneClusterITCase {
    private static final String TOKEN_ENV = "LQ_CLUSTER_TEST_SELA_TOKEN";
    private static final String TOKEN = "cluster-token-b4";
    private static final String PREFIX = "cl-";
    private static final int FIRST_KEYS = 30;
    private static final int NEW_KEYS = 10;
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(4);

    @Test
    void submitSavepointAndResubmitRescaledOnARealStandaloneCluster(@TempDir Path tmp) throws Exception {
        long started = System.currentTimeMillis();
        int restPort = Commands.freePort();
        Map<String, String> env = Map.of(
                "FLINK_CLUSTER_CONFIG", clusterConfig(tmp, restPort).toString(),
                "FLINK_CLUSTER_HOME", tmp.resolve("cluster").toString());
        // Only the cluster's processes know the token: jobs/submit must do without it.
        Map<String, String> clusterEnv = new HashMap<>(env);
        clusterEnv.put(TOKEN_ENV, TOKEN);
        try (EmbeddedKafka kafka = EmbeddedKafka.start(); SelaSimulator sela = new SelaSimulator(0, TOKEN).start()) {
            for (int i = 0; i < FIRST_KEYS + NEW_KEYS; i++) {
                sela.upsert(SelaLeads.lead(90_000 + i, key(i)).set("call_dnc", i % 4 == 0).build());
            }
            JobSettings.createTopics(kafka, PREFIX, 2);
            Path jobConfig = jobConfig(tmp, kafka, sela, restPort);
            KafkaTestClient client = new KafkaTestClient(kafka.bootstrapServers());
            try {
                assertThat(System.getenv(TOKEN_ENV)).isNull();
                Commands.run(COMMAND_TIMEOUT, clusterEnv, "jobs/cluster", "start").assertSucceeded();
                Commands.run(COMMAND_TIMEOUT, env, "jobs/cluster", "status").assertSucceeded();

                String firstJob = Commands.run(COMMAND_TIMEOUT, env, "jobs/submit", "--config", jobConfig.toString(),
                        "--parallelism", "1", "--state.backend", "hashmap") // its savepoint is Snappy-compressed
                        .assertSucceeded().find("^job id: ([0-9a-f]{32})$");
                List<String> batchA = payloads(0, FIRST_KEYS);
                client.produceText(PREFIX + "in", batchA);
                client.readUntil(PREFIX + "enriched", Duration.ofSeconds(60), Duration.ofSeconds(120),
                        r -> r.size() >= batchA.size());

                String savepoint = Commands.run(COMMAND_TIMEOUT, env, "jobs/savepoint", firstJob,
                        "--config", jobConfig.toString()).assertSucceeded().find("^savepoint: (\\S+)$");
                Outputs before = Outputs.read(client, PREFIX);
                assertThat(before.enriched()).hasSize(FIRST_KEYS);
                assertThat(before.alertKeys()).hasSize(expectedDncAlerts(FIRST_KEYS));

                List<String> batchB = payloads(0, FIRST_KEYS + NEW_KEYS); // the same leads again, and new ones
                client.produceText(PREFIX + "in", batchB);
                String secondJob = Commands.run(COMMAND_TIMEOUT, env, "jobs/submit", "--config", jobConfig.toString(),
                        "--from-savepoint", savepoint, "--parallelism", "2", "--state.backend", "rocksdb").assertSucceeded()
                        .find("^job id: ([0-9a-f]{32})$");
                assertThat(secondJob).isNotEqualTo(firstJob);
                client.readUntil(PREFIX + "enriched", Duration.ofSeconds(60), Duration.ofSeconds(120),
                        r -> r.size() >= batchA.size() + batchB.size());
                Commands.run(COMMAND_TIMEOUT, env, "jobs/savepoint", secondJob, "--config", jobConfig.toString())
                        .assertSucceeded(); // commits the last transaction and stops
                assertThat(Files.readString(tmp.resolve("cluster/log/taskmanager.log")))
                        .as("the resubmitted job keeps its state in RocksDB").contains("EmbeddedRocksDBStateBackend");

                Outputs after = Outputs.read(client, PREFIX);
                assertThat(after.positions()).doesNotHaveDuplicates().hasSize(batchA.size() + batchB.size());
                assertThat(after.alertKeys()).as("no alert raised twice across the savepoint")
                        .doesNotHaveDuplicates().hasSize(expectedDncAlerts(FIRST_KEYS + NEW_KEYS));
                assertThat(after.changeKeys()).as("each lead's first snapshot reported once, before or after")
                        .doesNotHaveDuplicates().hasSize(3 * (FIRST_KEYS + NEW_KEYS));
                Set<String> newChanges = new HashSet<>(after.changeKeys());
                newChanges.removeAll(before.changeKeys());
                assertThat(newChanges).hasSize(3 * NEW_KEYS)
                        .allSatisfy(k -> assertThat(Integer.parseInt(k.substring(3, 6))).isGreaterThanOrEqualTo(FIRST_KEYS));
            } finally {
                Commands.Result stop = Commands.run(COMMAND_TIMEOUT, env, "jobs/cluster", "stop");
                System.out.printf("standalone cluster test: %d s from cluster start to stop%n%s",
                        (System.currentTimeMillis() - started) / 1000, stop.output());
            }
            assertThat(Commands.run(COMMAND_TIMEOUT, env, "jobs/cluster", "status").exitCode())
                    .as("nothing left running").isNotZero();
        }
    }

    /** The shipped Flink config, on ports of this test's own. */
    private static Path clusterConfig(Path tmp, int restPort) throws Exception {
        String shipped = Files.readString(Path.of("conf/flink/config.yaml"));
        String config = shipped.replace("rest.port: 8081", "rest.port: " + restPort)
                .replace("jobmanager.rpc.port: 6123", "jobmanager.rpc.port: " + Commands.freePort());
        assertThat(config).contains("rest.port: " + restPort);
        return Files.writeString(tmp.resolve("flink-config.yaml"), config);
    }

    private static Path jobConfig(Path tmp, EmbeddedKafka kafka, SelaSimulator sela, int restPort) throws Exception {
        StringBuilder yaml = new StringBuilder();
        Map<String, String> settings = Map.ofEntries(
                Map.entry("kafka.bootstrap-servers", kafka.bootstrapServers()),
                Map.entry("kafka.group-id", PREFIX + "group"),
                Map.entry("kafka.transactional-id-prefix", PREFIX + "tx"),
                Map.entry("kafka.input-topics", PREFIX + "in:auto"),
                Map.entry("kafka.topics.enriched", PREFIX + "enriched"),
                Map.entry("kafka.topics.alerts", PREFIX + "alerts"),
                Map.entry("kafka.topics.status-changes", PREFIX + "status"),
                Map.entry("kafka.topics.dead-letter", PREFIX + "dlq"),
                Map.entry("kafka.topics.refresh-requests", PREFIX + "refresh"),
                Map.entry("kafka.topics.suppressions", PREFIX + "suppressions"),
                Map.entry("kafka.topics.sela-webhooks", PREFIX + "webhooks"),
                Map.entry("kafka.transaction-timeout", "1min"),
                Map.entry("checkpoint.timeout", "20s"),
                Map.entry("sela.base-url", sela.baseUrl()),
                Map.entry("sela.token-env", TOKEN_ENV),
                Map.entry("checkpoint.interval", "1s"),
                Map.entry("flink.rest-address", "http://localhost:" + restPort));
        settings.forEach((k, v) -> yaml.append(k).append(": \"").append(v).append("\"\n"));
        return Files.writeString(tmp.resolve("lead-quality.yaml"), yaml.toString());
    }

    private static List<String> payloads(int from, int to) {
        List<String> out = new ArrayList<>();
        for (int i = from; i < to; i++) {
            out.add("{\"external_id\":\"" + key(i) + "\",\"phone_number\":\"(804) 222-1111\",\"us_state\":\"VA\"}");
        }
        return out;
    }

    private static int expectedDncAlerts(int keys) {
        return (keys + 3) / 4;
    }

    private static String key(int i) {
        return String.format("cl-%03d", i);
    }
}
