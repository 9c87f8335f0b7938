package io.leadquality.webhooks;

import io.leadquality.config.JobConfig;
import io.leadquality.testkit.EmbeddedKafka;
import io.leadquality.testkit.HostileInputs;
import io.leadquality.testkit.KafkaBrokerProcess;
import io.leadquality.testkit.KafkaTestClient;
import io.leadquality.testkit.TestConfigs;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The receiver against a real broker: what it answers, what it writes, and what it does when Kafka is gone. */
class WebhookReceiverITCase {
    private static final String SECRET = "wh-secret-7q";
    private static final String TOPIC = "wh-in";
    private static final String LEAD = "{\"id\":28013,\"external_id\":\"crm-9\",\"phone_number\":\"+18042221111\","
            + "\"call_dnc\":true,\"modified_time\":\"2026-01-05T11:30:20.764434-08:00\",\"call_count\":5,\"last_chat\":{}}";
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void writesEachAcceptedWebhookOnceBeforeAnswering200AndNothingElse() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            kafka.createTopics(2, TOPIC);
            long before = System.currentTimeMillis();
            try (WebhookReceiver receiver = new WebhookReceiver(config(kafka), SECRET).start()) {
                String base = "http://127.0.0.1:" + receiver.port();
                assertThat(post(base + "/sela/CALL_DNC?key=" + SECRET, LEAD)).isEqualTo(200);
                assertThat(post(base + "/sela/CALL_DNC?key=wrong", LEAD)).isEqualTo(401);
                assertThat(post(base + "/sela/CALL_DNC", LEAD)).isEqualTo(401);
                assertThat(post(base + "/sela/NOT_A_TRIGGER?key=" + SECRET, LEAD)).isEqualTo(404);
                assertThat(post(base + "/sela/LEAD_UPDATED?key=" + SECRET, "x".repeat(2_001))).isEqualTo(413);
                assertThat(post(base + "/sela/LEAD_UPDATED?key=" + SECRET, "not json at all")).isEqualTo(200);
                assertThat(get(base + "/health")).isEqualTo(200);

                List<ConsumerRecord<byte[], byte[]>> records = new KafkaTestClient(kafka.bootstrapServers())
                        .readUntil(TOPIC, Duration.ofSeconds(3), Duration.ofSeconds(20), r -> r.size() >= 2);
                assertThat(records).hasSize(2);
                ConsumerRecord<byte[], byte[]> dnc = records.stream().filter(r -> r.key() != null).findFirst().orElseThrow();
                assertThat(new String(dnc.value(), StandardCharsets.UTF_8)).isEqualTo(LEAD); // the body unchanged
                assertThat(new String(dnc.key(), StandardCharsets.UTF_8)).isEqualTo("crm-9");
                assertThat(header(dnc, SelaTriggers.TRIGGER_HEADER)).isEqualTo("CALL_DNC");
                assertThat(Instant.parse(header(dnc, SelaTriggers.RECEIVED_AT_HEADER)).toEpochMilli())
                        .isGreaterThanOrEqualTo(before - 1_000);
                assertThat(receiver.accepted()).isEqualTo(2);
            }
        }
    }

    @Test
    void withTheBrokerStoppedItAnswers503AndSelasRetryLandsOnceWhenItIsBack(@TempDir Path dir) throws Exception {
        try (KafkaBrokerProcess kafka = KafkaBrokerProcess.start(dir)) {
            kafka.createTopics(1, TOPIC);
            try (WebhookReceiver receiver = new WebhookReceiver(config(kafka.bootstrapServers()), SECRET).start()) {
                String base = "http://127.0.0.1:" + receiver.port();
                String call = LEAD.replace("\"call_count\":5", "\"call_count\":6");
                assertThat(post(base + "/sela/LEAD_UPDATED?key=" + SECRET, LEAD)).isEqualTo(200);

                kafka.stop();
                assertThat(post(base + "/sela/CALL_COMPLETE?key=" + SECRET, call)).isEqualTo(503);
                assertThat(get(base + "/health")).isEqualTo(503);

                kafka.start(); // the same broker again, on the same port with the same data
                long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
                while (get(base + "/health") != 200) {
                    assertThat(System.nanoTime()).as("the receiver sees the broker back").isLessThan(deadline);
                    Thread.sleep(200);
                }
                // Sela retries the delivery that was not answered 200; this receiver, not a new one, takes it.
                assertThat(post(base + "/sela/CALL_COMPLETE?key=" + SECRET, call)).isEqualTo(200);
                assertThat(receiver.accepted()).isEqualTo(2);
            }
            List<ConsumerRecord<byte[], byte[]>> written = new KafkaTestClient(kafka.bootstrapServers())
                    .readAll(TOPIC, Duration.ofSeconds(3));
            assertThat(written).as("each accepted delivery once; the one answered 503 not half-written")
                    .extracting(r -> header(r, SelaTriggers.TRIGGER_HEADER) + " " + new String(r.value(), StandardCharsets.UTF_8))
                    .containsExactly("LEAD_UPDATED " + LEAD, "CALL_COMPLETE " + LEAD.replace("\"call_count\":5", "\"call_count\":6"));
        }
    }

    @Test
    void hostileBodiesAreAllWrittenAsSentOrRefusedAsTooLargeNothingLost() throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            kafka.createTopics(2, TOPIC);
            List<HostileInputs.Input> corpus = new HostileInputs(41).corpus(600, 2);
            JobConfig config = config(kafka).with(java.util.Map.of("source.max-record-bytes", Integer.toString(1 << 20)));
            long accepted = 0;
            long tooLarge = 0;
            try (WebhookReceiver receiver = new WebhookReceiver(config, SECRET).start()) {
                String url = "http://127.0.0.1:" + receiver.port() + "/sela/LEAD_UPDATED?key=" + SECRET;
                for (HostileInputs.Input input : corpus) {
                    int status = http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(input.bytes())).build(),
                            HttpResponse.BodyHandlers.discarding()).statusCode();
                    assertThat(status).as("%s", input.kind()).isIn(200, 413);
                    if (status == 200) {
                        accepted++;
                    } else {
                        tooLarge++;
                        assertThat(input.bytes().length).isGreaterThan(1 << 20);
                    }
                }
            }
            long written = accepted;
            List<ConsumerRecord<byte[], byte[]>> records = new KafkaTestClient(kafka.bootstrapServers())
                    .readUntil(TOPIC, Duration.ofSeconds(5), Duration.ofSeconds(60), r -> r.size() >= written);
            assertThat(records).hasSize((int) accepted);
            assertThat(tooLarge).isEqualTo(2);
            assertThat(records.stream().map(r -> java.util.Arrays.hashCode(r.value())).collect(java.util.stream.Collectors.toSet()))
                    .as("every body as it was sent").isEqualTo(corpus.stream().filter(i -> i.bytes().length <= 1 << 20)
                            .map(i -> java.util.Arrays.hashCode(i.bytes())).collect(java.util.stream.Collectors.toSet()));
        }
    }

    @Test
    void theExternalIdKeyComesFromTheBodyWhenItHasOne() {
        assertThat(WebhookReceiver.externalIdOf(LEAD.getBytes(StandardCharsets.UTF_8))).isEqualTo("crm-9");
        assertThat(WebhookReceiver.externalIdOf("{\"metadata\":{\"external_id\":\"x\"},\"external_id\":null}"
                .getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(WebhookReceiver.externalIdOf("[1,2]".getBytes(StandardCharsets.UTF_8))).isNull();
        assertThat(WebhookReceiver.externalIdOf("{\"external_id\":\"a".getBytes(StandardCharsets.UTF_8))).isNull();
    }

    private static JobConfig config(EmbeddedKafka kafka) {
        return config(kafka.bootstrapServers());
    }

    private static JobConfig config(String bootstrapServers) {
        return TestConfigs.with("kafka.bootstrap-servers", bootstrapServers, "kafka.topics.sela-webhooks", TOPIC,
                "webhooks.port", "0", "source.max-record-bytes", "2000");
    }

    private int post(String url, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private int get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
