package io.leadquality.testkit;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The four output topics of a test's job ({@code <prefix>enriched}, {@code dlq}, {@code alerts}, {@code status}) as read back. */
public record Outputs(List<JsonNode> enriched, List<JsonNode> deadLetters, List<JsonNode> alerts, List<JsonNode> changes) {
    public static Outputs read(KafkaTestClient client, String prefix) {
        Duration quiet = Duration.ofSeconds(3);
        return new Outputs(KafkaTestClient.json(client.readAll(prefix + "enriched", quiet)),
                KafkaTestClient.json(client.readAll(prefix + "dlq", quiet)),
                KafkaTestClient.json(client.readAll(prefix + "alerts", quiet)),
                KafkaTestClient.json(client.readAll(prefix + "status", quiet)));
    }

    public List<String> positions() {
        List<String> out = new ArrayList<>();
        enriched.forEach(e -> out.add(position(e.get("source"))));
        deadLetters.forEach(d -> out.add(position(d.get("source"))));
        return out;
    }

    public List<String> alertKeys() {
        return alerts.stream().map(a -> a.get("external_id").asText() + ":" + a.get("flag").asText() + ":"
                + a.get("state").asText()).toList();
    }

    public List<String> changeKeys() {
        return changes.stream().map(c -> c.get("external_id").asText() + ":" + c.get("field").asText()).toList();
    }

    private static String position(JsonNode source) {
        return source.get("topic").asText() + "/" + source.get("partition").asInt() + "/" + source.get("offset").asLong();
    }
}
