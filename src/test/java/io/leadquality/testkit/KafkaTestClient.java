package io.leadquality.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/** Produces inputs and reads outputs back the way a downstream consumer does: read_committed. */
public final class KafkaTestClient {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String bootstrapServers;

    public KafkaTestClient(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public void produce(String topic, List<byte[]> values) {
        send(values.stream().map(v -> new ProducerRecord<byte[], byte[]>(topic, v)).toList());
    }

    /** Records stamped {@code timestamp} (epoch millis), as a provider replaying old leads sends them. */
    public void produceTextAt(String topic, long timestamp, List<String> values) {
        send(values.stream().map(v -> new ProducerRecord<byte[], byte[]>(topic, null, timestamp, null,
                v.getBytes(StandardCharsets.UTF_8))).toList());
    }

    /** Records to one partition of the topic, stamped now. */
    public void produceTextTo(String topic, int partition, List<String> values) {
        send(values.stream().map(v -> new ProducerRecord<byte[], byte[]>(topic, partition, System.currentTimeMillis(), null,
                v.getBytes(StandardCharsets.UTF_8))).toList());
    }

    /** Records with keys, as a compacted topic takes them; a null value is a tombstone. */
    public void produceKeyed(String topic, List<Map.Entry<String, String>> keyedValues) {
        send(keyedValues.stream().map(kv -> new ProducerRecord<>(topic, kv.getKey().getBytes(StandardCharsets.UTF_8),
                kv.getValue() == null ? null : kv.getValue().getBytes(StandardCharsets.UTF_8))).toList());
    }

    private void send(List<ProducerRecord<byte[], byte[]>> records) {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(4 << 20)),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            records.forEach(producer::send);
            producer.flush();
        }
    }

    public void produceText(String topic, List<String> values) {
        produce(topic, values.stream().map(v -> v.getBytes(StandardCharsets.UTF_8)).toList());
    }

    /** Every committed record on the topic, read until {@code quiet} passes with nothing new. */
    public List<ConsumerRecord<byte[], byte[]>> readAll(String topic, Duration quiet) {
        return readUntil(topic, quiet, quiet, records -> false);
    }

    /**
     * Reads committed records until {@code done} holds for what was read, or nothing new arrives
     * for {@code quiet}, or {@code max} passes.
     */
    public List<ConsumerRecord<byte[], byte[]>> readUntil(String topic, Duration quiet, Duration max,
                                                          Predicate<List<ConsumerRecord<byte[], byte[]>>> done) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "test-reader-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + max.toNanos();
            long lastNew = System.nanoTime();
            while (System.nanoTime() < deadline && !done.test(out)) {
                int before = out.size();
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
                if (out.size() > before) {
                    lastNew = System.nanoTime();
                } else if (System.nanoTime() - lastNew > quiet.toNanos()) {
                    break;
                }
            }
        }
        return out;
    }

    public static List<JsonNode> json(List<ConsumerRecord<byte[], byte[]>> records) {
        List<JsonNode> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            try {
                out.add(MAPPER.readTree(record.value()));
            } catch (IOException e) {
                throw new AssertionError("output is not JSON: " + new String(record.value(), StandardCharsets.UTF_8), e);
            }
        }
        return out;
    }
}
