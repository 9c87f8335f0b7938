package io.leadquality.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadquality.app.LeadQualityJob;
import io.leadquality.config.JobConfig;
import io.leadquality.testkit.JobSettings;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * End-to-end latency at a steady rate well below saturation: from the moment an event is appended to
 * Kafka until its enriched record is committed and visible to a read_committed consumer. Every event
 * is a new lead, so every one waits for its Sela lookup.
 */
final class LatencyProbe {
    private LatencyProbe() {}

    record Result(int events, long p50, long p99, long max) {}

    static Result run(BenchRig rig, JobSettings settings, int perSecond, Duration duration) throws Exception {
        return run(rig, settings, perSecond, duration, new Configuration(), 0);
    }

    /**
     * As {@link #run(BenchRig, JobSettings, int, Duration)}, the job started with {@code flink} (a savepoint
     * to restore), and the first event sent no earlier than {@code notBeforeMillis} (wall clock).
     */
    static Result run(BenchRig rig, JobSettings settings, int perSecond, Duration duration, Configuration flink,
                      long notBeforeMillis) throws Exception {
        JobConfig config = settings.config();
        StreamExecutionEnvironment env = rig.localFlink(flink);
        LeadQualityJob.build(env, config);
        JobClient job = env.executeAsync("bench-latency");
        List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
        int events = (int) (perSecond * duration.toSeconds());
        CountDownLatch positioned = new CountDownLatch(1);
        Thread reader = new Thread(() -> read(rig, config.topicEnriched, events, latencies, positioned), "latency-reader");
        try {
            reader.start();
            Thread.sleep(5_000); // the job deploys and takes its first checkpoint
            Thread.sleep(Math.max(0, notBeforeMillis - System.currentTimeMillis()));
            if (!positioned.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the latency reader found no end of " + config.topicEnriched);
            }
            try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers,
                    ProducerConfig.ACKS_CONFIG, "1",
                    ProducerConfig.LINGER_MS_CONFIG, "0"), new StringSerializer(), new StringSerializer())) {
                long start = System.nanoTime();
                for (int i = 0; i < events; i++) {
                    long due = start + TimeUnit.SECONDS.toNanos(1) * i / perSecond;
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        TimeUnit.NANOSECONDS.sleep(wait);
                    }
                    String lead = BenchRig.lead("lat-" + i);
                    String payload = lead.substring(0, lead.length() - 1) + ",\"sent_at\":" + System.currentTimeMillis() + "}";
                    producer.send(new ProducerRecord<>(BenchRig.topic(config), payload));
                }
            }
            reader.join(TimeUnit.SECONDS.toMillis(60));
        } finally {
            reader.interrupt();
            JobSettings.cancelAndWait(job);
        }
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        if (sorted.isEmpty()) {
            throw new IllegalStateException("no enriched record came back");
        }
        return new Result(sorted.size(), percentile(sorted, 0.50), percentile(sorted, 0.99), sorted.get(sorted.size() - 1));
    }

    /** From the topic's end: the records of a job run before (a loading run) are not read, nor parsed. */
    private static void read(BenchRig rig, String topic, int events, List<Long> latencies, CountDownLatch positioned) {
        try (KafkaConsumer<byte[], byte[]> consumer = rig.consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            positioned.countDown();
            while (latencies.size() < events && !Thread.currentThread().isInterrupted()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(20))) {
                    long seen = System.currentTimeMillis();
                    JsonNode sentAt = BenchRig.json(record).at("/lead/metadata/sent_at");
                    if (sentAt.isNumber()) {
                        latencies.add(seen - sentAt.asLong());
                    }
                }
            }
        } catch (org.apache.kafka.common.errors.InterruptException e) {
            Thread.currentThread().interrupt();
        }
    }

    static long percentile(List<Long> sorted, double q) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(q * sorted.size()) - 1));
    }
}
