package io.leadquality.tools;

import io.leadquality.testkit.EmbeddedKafka;
import io.leadquality.testkit.KafkaTestClient;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

/** jobs/topic against a real broker: send lines with and without keys, tail them back as pretty JSON. */
class TopicToolITCase {
    @Test
    void sendsLinesAndTailsThemBackAsPrettyJson(@TempDir Path tmp) throws Exception {
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            kafka.createTopics(1, "tool-in");
            Properties client = TopicTool.clientProperties(Map.of("kafka.bootstrap-servers", kafka.bootstrapServers(),
                    "kafka.properties.client.id", "topic-tool-test"));
            Path lines = Files.writeString(tmp.resolve("list.jsonl"), "+18042221111|{\"phone_number\":\"804-222-1111\",\"action\":\"ADD\"}\n"
                    + "\n{\"external_id\":\"crm-1\"}\n");

            assertThat(TopicTool.send(client, "tool-in", lines.toString(), "|")).isEqualTo(2);
            List<ConsumerRecord<byte[], byte[]>> records = new KafkaTestClient(kafka.bootstrapServers())
                    .readUntil("tool-in", Duration.ofSeconds(5), Duration.ofSeconds(20), r -> r.size() >= 2);
            assertThat(records).extracting(r -> r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8))
                    .containsExactly("+18042221111", null);

            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            TopicTool.tail(client, "tool-in", false, 2, new PrintStream(printed, true, StandardCharsets.UTF_8));
            String text = printed.toString(StandardCharsets.UTF_8);
            assertThat(text).contains("# tool-in/0@0 key=+18042221111").contains("# tool-in/0@1 key=null")
                    .contains("\"action\" : \"ADD\"").contains("\"external_id\" : \"crm-1\"");
        }
    }
}
