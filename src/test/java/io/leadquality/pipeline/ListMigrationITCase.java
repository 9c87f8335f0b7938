package io.leadquality.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadquality.app.LeadQualityJob;
import io.leadquality.config.JobConfig;
import io.leadquality.sim.SelaSimulator;
import io.leadquality.testkit.BeforeContactStagesScenario;
import io.leadquality.testkit.EmbeddedKafka;
import io.leadquality.testkit.JobSettings;
import io.leadquality.testkit.KafkaTestClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static io.leadquality.testkit.BeforeContactStagesScenario.LISTED_EMAIL;
import static io.leadquality.testkit.BeforeContactStagesScenario.LISTED_PHONE;
import static io.leadquality.testkit.BeforeContactStagesScenario.PREFIX;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A savepoint taken by a job from before the contact stages (the list in the join's broadcast
 * state, read once and finished) restores into this one without losing a list entry: the list is
 * read again into the stages, so a lead judged then keeps its flag (no wrong CLEARED) and new leads
 * with a listed phone or e-mail are flagged on their first record.
 */
class ListMigrationITCase {
    private static final String SAVEPOINT = "savepoints/before-contact-stages/";
    private static final List<String> SAVEPOINT_FILES = List.of("_metadata",
            "74f1f40b-1c09-4514-9e0d-ec399003aeb7", "fe1f715b-4bd1-4105-8b3a-c893a086b0d4");

    @RegisterExtension
    static final MiniClusterExtension FLINK = JobSettings.miniCluster();

    @Test
    void aSavepointFromBeforeTheContactStagesKeepsEveryListEntry(@TempDir Path tmp) throws Exception {
        Path savepoint = copySavepoint(tmp.resolve("savepoint"));
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
             SelaSimulator sela = new SelaSimulator(0, BeforeContactStagesScenario.TOKEN).start()) {
            BeforeContactStagesScenario.seed(kafka, sela); // what the old job read: the restored offsets follow it
            KafkaTestClient client = new KafkaTestClient(kafka.bootstrapServers());
            client.produceKeyed(PREFIX + "in", List.of(
                    Map.entry("m-1", "{\"external_id\":\"m-1\",\"phone_number\":\"" + LISTED_PHONE + "\"}"),
                    Map.entry("m-3", "{\"external_id\":\"m-3\",\"phone_number\":\"" + LISTED_PHONE + "\"}"),
                    Map.entry("m-4", "{\"external_id\":\"m-4\",\"phone_number\":\"+18042224444\",\"email\":\"" + LISTED_EMAIL + "\"}")));

            JobConfig config = BeforeContactStagesScenario.settings(kafka, sela, tmp).config();
            JobClient job = start(config, savepoint.toUri().toString());
            try {
                List<JsonNode> enriched = KafkaTestClient.json(client.readUntil(PREFIX + "enriched",
                        Duration.ofSeconds(5), Duration.ofSeconds(90), r -> r.size() >= 3));
                assertThat(enriched).extracting(e -> e.get("external_id").asText() + ":" + e.get("flags"))
                        .as("only the events after the savepoint, each judged with the whole list")
                        .containsExactlyInAnyOrder("m-1:[\"CALL_DNC\"]", "m-3:[\"CALL_DNC\",\"NOT_IN_SELA\"]",
                                "m-4:[\"CALL_DNC\",\"NOT_IN_SELA\"]");
                Thread.sleep(1_000); // the alerts of that checkpoint
                List<JsonNode> alerts = KafkaTestClient.json(client.readAll(PREFIX + "alerts", Duration.ofSeconds(2)));
                assertThat(alerts).extracting(a -> a.get("external_id").asText() + ":" + a.get("flag").asText() + ":"
                        + a.get("state").asText() + ":" + a.get("reason").asText())
                        .as("m-1 raised its CALL_DNC before the savepoint: no new alert, and no CLEARED")
                        .containsExactlyInAnyOrder(
                                "m-3:CALL_DNC:RAISED:on the suppression list: asked on a call (phone_number " + LISTED_PHONE + ")",
                                "m-3:NOT_IN_SELA:RAISED:No Sela lead matches external_id=m-3",
                                "m-4:CALL_DNC:RAISED:on the suppression list: unsubscribed (email " + LISTED_EMAIL + ")",
                                "m-4:NOT_IN_SELA:RAISED:No Sela lead matches external_id=m-4");
            } finally {
                JobSettings.cancelAndWait(job);
            }
        }
    }

    private static JobClient start(JobConfig config, String savepoint) throws Exception {
        Configuration flink = JobSettings.flinkConfig();
        flink.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
        LeadQualityJob.build(env, config);
        return env.executeAsync("list-migration");
    }

    /** The savepoint is relocatable: its files, copied out of the test classpath, are all it needs. */
    private static Path copySavepoint(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (String file : SAVEPOINT_FILES) {
            try (InputStream in = ListMigrationITCase.class.getClassLoader().getResourceAsStream(SAVEPOINT + file)) {
                Files.copy(in, dir.resolve(file));
            }
        }
        return dir;
    }
}
