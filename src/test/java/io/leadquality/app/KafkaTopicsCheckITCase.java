package io.leadquality.app;

import io.leadquality.config.ConfigException;
import io.leadquality.config.JobConfig;
import io.leadquality.testkit.EmbeddedKafka;
import io.leadquality.testkit.TestConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Start-up checks against a real broker: the job's own refresh topic is made, a missing input stops it, and the cluster id is Kafka's. */
class KafkaTopicsCheckITCase {
    @Test
    void theRefreshTopicIsCreatedLikeTheInputAndAMissingInputStopsStartUp() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            kafka.createTopics(3, "k-in", "k-enriched", "k-alerts", "k-status", "k-dlq");
            kafka.createCompactedTopic(1, "k-suppressions");
            JobConfig config = TestConfigs.with("kafka.bootstrap-servers", kafka.bootstrapServers(),
                    "kafka.input-topics", "k-in:auto", "kafka.topics.enriched", "k-enriched", "kafka.topics.alerts", "k-alerts",
                    "kafka.topics.status-changes", "k-status", "kafka.topics.dead-letter", "k-dlq",
                    "kafka.topics.refresh-requests", "k-refresh", "kafka.topics.suppressions", "k-suppressions");

            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
                long deadline = System.currentTimeMillis() + 30_000; // topics just made take a moment to be listed
                while (!admin.listTopics().names().get().contains("k-suppressions") && System.currentTimeMillis() < deadline) {
                    Thread.sleep(100);
                }
                KafkaTopicsCheck.verify(config);
                assertThat(admin.describeTopics(List.of("k-refresh")).allTopicNames().get().get("k-refresh").partitions())
                        .hasSize(3);
                assertThat(KafkaTopicsCheck.clusterId(config)).isEqualTo(admin.describeCluster().clusterId().get());
            }
            KafkaTopicsCheck.verify(config); // a second start finds it

            JobConfig typo = config.with(Map.of("kafka.input-topics", "k-inn:auto"));
            assertThatThrownBy(() -> KafkaTopicsCheck.verify(typo))
                    .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.key()).isEqualTo("kafka.input-topics"))
                    .hasMessageContaining("no such topic").hasMessageContaining("k-inn");
        }
    }
}
