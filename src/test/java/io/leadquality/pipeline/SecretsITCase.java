package io.leadquality.pipeline;

import io.leadquality.app.LeadQualityJob;
import io.leadquality.config.JobConfig;
import io.leadquality.sim.SelaSimulator;
import io.leadquality.testkit.CapturedLogs;
import io.leadquality.testkit.EmbeddedKafka;
import io.leadquality.testkit.KafkaTestClient;
import io.leadquality.testkit.JobSettings;
import io.leadquality.testkit.SelaLeads;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Sela token appears nowhere: not in logs at any level, exceptions, output topics, or Flink's REST API. */
class SecretsITCase {
    private static final String TOKEN = "sk-live-7f3a9c1e5b2d4f60";
    private static final String WRONG_TOKEN = "sk-wrong-0d9e8f7a6b5c4d3e";

    @RegisterExtension
    static final MiniClusterExtension FLINK = JobSettings.miniCluster();

    @Test
    void theTokenNeverShows(@TempDir Path tmp) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start(); SelaSimulator sela = new SelaSimulator(0, TOKEN).start();
             CapturedLogs logs = new CapturedLogs()) {
            sela.upsert(SelaLeads.lead(1, "crm-1").set("call_dnc", true).build());
            JobSettings.createTopics(kafka, "s-", 2);
            KafkaTestClient client = new KafkaTestClient(kafka.bootstrapServers());
            client.produceText("s-in", List.of("{\"external_id\":\"crm-1\",\"phone_number\":\"8042221111\"}",
                    "{\"external_id\":\"crm-2\",\"phone_number\":\"8042221111\"}", "{broken"));

            JobClient job = run(JobSettings.of("s-", kafka, sela, tmp, TOKEN).set("kafka.bounded", "true").config());
            job.getJobExecutionResult().get();
            List<ConsumerRecord<byte[], byte[]>> outputs = new java.util.ArrayList<>();
            for (String topic : List.of("s-enriched", "s-alerts", "s-status", "s-dlq")) {
                outputs.addAll(client.readAll(topic, Duration.ofSeconds(2)));
            }
            assertThat(outputs).hasSizeGreaterThan(3);
            for (ConsumerRecord<byte[], byte[]> record : outputs) {
                assertThat(new String(record.value(), StandardCharsets.UTF_8)).doesNotContain(TOKEN);
            }
            String rest = "http://" + FLINK.getClientConfiguration().get(RestOptions.ADDRESS) + ":"
                    + FLINK.getClientConfiguration().get(RestOptions.PORT);
            for (String path : List.of("/jobs/" + job.getJobID() + "/config", "/jobmanager/config", "/taskmanagers",
                    "/jobs/" + job.getJobID() + "/plan")) {
                String body = get(rest + path);
                assertThat(body).as(path).isNotBlank().doesNotContain(TOKEN);
            }

            // A refused token: the job stops, says so once, and shows neither token.
            JobClient refused = run(JobSettings.of("s-", kafka, sela, Files.createDirectory(tmp.resolve("wrong")), WRONG_TOKEN)
                    .set("kafka.bounded", "true").set("kafka.group-id", "s-refused").set("kafka.transactional-id-prefix", "s-refused")
                    .config());
            assertThatThrownBy(() -> refused.getJobExecutionResult().get()).satisfies(e -> {
                StringWriter trace = new StringWriter();
                e.printStackTrace(new PrintWriter(trace));
                assertThat(trace.toString()).contains("Sela refused the API token (HTTP 401")
                        .doesNotContain(TOKEN).doesNotContain(WRONG_TOKEN);
            });
            assertThat(logs.lines()).filteredOn(l -> l.startsWith("ERROR io.leadquality.sela.SelaClient Sela refused"))
                    .hasSize(1);
            assertThat(logs.lines()).hasSizeGreaterThan(1000); // DEBUG and TRACE were really captured
            assertThat(logs.lines()).noneMatch(l -> l.contains(TOKEN) || l.contains(WRONG_TOKEN));
        }
    }

    private static JobClient run(JobConfig config) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(JobSettings.flinkConfig());
        LeadQualityJob.build(env, config);
        return env.executeAsync("secrets");
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(url).isEqualTo(200);
        return response.body();
    }
}
