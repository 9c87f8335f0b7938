package io.leadquality.tools;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.leadquality.config.ConfigException;
import io.leadquality.config.RawConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * {@code jobs/topic}: the project's own Kafka command line, so trying the job needs nothing beyond
 * Java and Maven. {@code tail TOPIC} prints committed records (read_committed) as pretty JSON and
 * follows; {@code send TOPIC [FILE]} writes one record per line. Brokers and client settings come from
 * the job's config ({@code kafka.bootstrap-servers}, {@code kafka.properties.*}).
 */
public final class TopicTool {
    private static final String USAGE = "usage: jobs/topic tail TOPIC [--from-end] [--max N] [--config FILE] [--kafka.bootstrap-servers HOST:PORT]\n"
            + "       jobs/topic send TOPIC [FILE] [--key-separator '|'] [--config FILE] [--kafka.bootstrap-servers HOST:PORT]";
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private TopicTool() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 2 || !(args[0].equals("tail") || args[0].equals("send"))) {
            System.err.println(USAGE);
            System.exit(2);
        }
        String command = args[0];
        String topic = args[1];
        List<String> rest = new ArrayList<>(List.of(args).subList(2, args.length));
        boolean fromEnd = rest.remove("--from-end");
        long max = Long.parseLong(option(rest, "--max", Long.toString(Long.MAX_VALUE)));
        String separator = option(rest, "--key-separator", null);
        String file = !rest.isEmpty() && !rest.get(0).startsWith("--") ? rest.remove(0) : null;
        Properties client;
        try {
            client = clientProperties(RawConfig.fromArgs(rest.toArray(String[]::new)));
        } catch (ConfigException e) {
            System.err.println("lead-quality: configuration error: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (command.equals("tail")) {
            tail(client, topic, fromEnd, max, System.out);
        } else {
            System.err.println("sent " + send(client, topic, file, separator) + " record(s) to " + topic);
        }
    }

    static Properties clientProperties(Map<String, String> config) {
        String brokers = config.get("kafka.bootstrap-servers");
        if (brokers == null || brokers.isBlank()) {
            throw new ConfigException("kafka.bootstrap-servers", "is required but not set");
        }
        Properties properties = new Properties();
        config.forEach((key, value) -> {
            if (key.startsWith("kafka.properties.")) {
                properties.put(key.substring("kafka.properties.".length()), value);
            }
        });
        properties.put("bootstrap.servers", brokers);
        return properties;
    }

    /** Prints committed records, key and time first, values as pretty JSON where they are JSON; follows until {@code max}. */
    static void tail(Properties client, String topic, boolean fromEnd, long max, PrintStream out) {
        Properties properties = new Properties();
        properties.putAll(client);
        properties.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(properties, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            consumer.assign(partitions);
            if (fromEnd) {
                consumer.seekToEnd(partitions);
            } else {
                consumer.seekToBeginning(partitions);
            }
            long printed = 0;
            while (printed < max) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    out.println(describe(record));
                    if (++printed >= max) {
                        break;
                    }
                }
                out.flush();
            }
        }
    }

    static String describe(ConsumerRecord<byte[], byte[]> record) {
        String key = record.key() == null ? "null" : new String(record.key(), StandardCharsets.UTF_8);
        String head = "# " + record.topic() + "/" + record.partition() + "@" + record.offset() + " key=" + key + " "
                + Instant.ofEpochMilli(record.timestamp());
        if (record.value() == null) {
            return head + "\n(tombstone)";
        }
        String value = new String(record.value(), StandardCharsets.UTF_8);
        try {
            JsonNode json = PRETTY.readTree(value);
            return head + "\n" + PRETTY.writeValueAsString(json);
        } catch (IOException notJson) {
            return head + "\n" + value;
        }
    }

    /** One record per non-blank line; with a separator, the text before it is the key ({@code key|value}). */
    static int send(Properties client, String topic, String file, String separator) throws IOException {
        Properties properties = new Properties();
        properties.putAll(client);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        int sent = 0;
        try (BufferedReader in = file == null ? new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))
                : Files.newBufferedReader(Path.of(file), StandardCharsets.UTF_8);
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties, new ByteArraySerializer(),
                     new ByteArraySerializer())) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) {
                    continue;
                }
                String key = null;
                String value = line;
                int at = separator == null ? -1 : line.indexOf(separator);
                if (at >= 0) {
                    key = line.substring(0, at);
                    value = line.substring(at + separator.length());
                }
                producer.send(new ProducerRecord<>(topic, key == null ? null : key.getBytes(StandardCharsets.UTF_8),
                        value.getBytes(StandardCharsets.UTF_8)));
                sent++;
            }
            producer.flush();
        }
        return sent;
    }

    private static String option(List<String> args, String name, String fallback) {
        int at = args.indexOf(name);
        if (at < 0) {
            return fallback;
        }
        if (at + 1 >= args.size()) {
            System.err.println(name + ": no value given\n" + USAGE);
            System.exit(2);
        }
        String value = args.get(at + 1);
        args.remove(at + 1);
        args.remove(at);
        return value;
    }
}
