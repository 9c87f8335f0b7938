package io.leadquality.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadquality.app.LeadQualityJob;
import io.leadquality.config.JobConfig;
import io.leadquality.sim.SelaSimulator;
import io.leadquality.testkit.JobSettings;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * From a suppression-list ADD to the alert on every lead it names, with many leads and many list
 * entries in state (RocksDB): {@code entries} ADDs for phones no lead has and {@code leads} leads go
 * in first, the job stops with a savepoint and resumes from it with 1 s checkpoints; then ADDs for
 * the Sela phones of loaded leads arrive at a steady rate. An ADD's time is from its append until
 * the last of its leads' CALL_DNC alerts is committed and visible to a read_committed consumer.
 */
final class FanoutProbe {
    private static final Pattern SENT = Pattern.compile("sent_at=(\\d+) \\(phone_number (\\+1\\d{10})\\)");

    record Result(int adds, int alerts, int incomplete, long p50, long p99, long max, long loadSeconds, long readySeconds) {}

    private FanoutProbe() {}

    static Result run(BenchRig rig, JobSettings settings, int leads, int entries, int adds, int perSecond) throws Exception {
        settings.set("state.backend", "rocksdb").set("checkpoint.interval", "10s");
        JobConfig loading = settings.config();
        try (KafkaProducer<String, String> producer = rig.producer()) {
            for (int i = 0; i < entries; i++) { // +1 703: no lead's phone, Sela's or the provider's
                String phone = String.format("+1703%07d", 2_000_000 + i);
                producer.send(new ProducerRecord<>(loading.topicSuppressions, phone,
                        "{\"phone_number\":\"" + phone + "\",\"action\":\"ADD\",\"reason\":\"bench list\"}"));
            }
        }
        Map<String, List<String>> leadsByPhone = new HashMap<>();
        List<String> inputs = new ArrayList<>(leads);
        for (int i = 0; i < leads; i++) {
            String key = "fo-" + i;
            inputs.add(BenchRig.lead(key));
            leadsByPhone.computeIfAbsent(SelaSimulator.syntheticPhone(key), p -> new ArrayList<>()).add(key);
        }
        rig.produce(BenchRig.topic(loading), inputs);
        StateLoad.Loaded load = StateLoad.run(rig, loading, leads, "12");
        System.out.printf("12. %,d list entries and %,d leads in state in %d s%n", entries, leads, load.loadMillis() / 1000);

        settings.set("checkpoint.interval", "1s");
        JobConfig config = settings.config();
        Configuration restore = new Configuration();
        restore.set(StateRecoveryOptions.SAVEPOINT_PATH, load.savepoint());
        StreamExecutionEnvironment env = rig.localFlink(restore);
        LeadQualityJob.build(env, config);
        JobClient job = env.executeAsync("bench-fanout");
        // Phones of loaded leads, each listed once, spread over the leads; one more to learn when the job is up.
        String readiness = SelaSimulator.syntheticPhone("fo-" + (leads - 1));
        List<String> phones = new ArrayList<>();
        for (int i = 0; phones.size() < adds && i < leads; i += Math.max(1, leads / adds)) {
            String phone = SelaSimulator.syntheticPhone("fo-" + i);
            if (!phones.contains(phone) && !phone.equals(readiness)) {
                phones.add(phone);
            }
        }
        long[] ready = new long[1];
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Map<String, Long> lastAlertAt = new ConcurrentHashMap<>();
        Map<String, Integer> alertsSeen = new ConcurrentHashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = rig.consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(config.topicAlerts).stream()
                    .map(p -> new TopicPartition(config.topicAlerts, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            // Measured once the restored job runs: restoring a million leads into RocksDB takes a while,
            // and an ADD sent meanwhile would measure the restore.
            long restoring = System.currentTimeMillis();
            awaitAlert(rig, consumer, config, readiness, Duration.ofMinutes(10));
            ready[0] = (System.currentTimeMillis() - restoring) / 1000;
            long start = System.nanoTime();
            int sent = 0;
            long doneBy = Long.MAX_VALUE;
            try (KafkaProducer<String, String> producer = rig.producer()) {
                while (System.currentTimeMillis() < doneBy && !complete(phones, sent, alertsSeen, leadsByPhone)) {
                    long due = start + TimeUnit.SECONDS.toNanos(1) * sent / perSecond;
                    if (sent < phones.size() && System.nanoTime() >= due) {
                        String phone = phones.get(sent++);
                        long now = System.currentTimeMillis();
                        sentAt.put(phone, now);
                        producer.send(new ProducerRecord<>(config.topicSuppressions, phone, "{\"phone_number\":\"" + phone
                                + "\",\"action\":\"ADD\",\"reason\":\"sent_at=" + now + "\"}"));
                        producer.flush();
                        if (sent == phones.size()) {
                            doneBy = now + 60_000;
                        }
                    }
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(5))) {
                        long seen = System.currentTimeMillis();
                        JsonNode alert = BenchRig.json(record);
                        Matcher m = SENT.matcher(alert.path("reason").asText());
                        if ("CALL_DNC".equals(alert.path("flag").asText()) && "RAISED".equals(alert.path("state").asText())
                                && m.find()) {
                            lastAlertAt.merge(m.group(2), seen, Math::max);
                            alertsSeen.merge(m.group(2), 1, Integer::sum);
                        }
                    }
                }
            }
        } finally {
            JobSettings.cancelAndWait(job);
        }
        List<Long> latencies = new ArrayList<>();
        int incomplete = 0;
        int alerts = 0;
        for (String phone : phones) {
            int seen = alertsSeen.getOrDefault(phone, 0);
            alerts += seen;
            if (seen < leadsByPhone.get(phone).size()) {
                incomplete++;
            } else {
                latencies.add(lastAlertAt.get(phone) - sentAt.get(phone));
            }
        }
        latencies.sort(null);
        if (latencies.isEmpty()) {
            throw new IllegalStateException("no ADD reached all of its leads");
        }
        return new Result(phones.size(), alerts, incomplete, LatencyProbe.percentile(latencies, 0.5),
                LatencyProbe.percentile(latencies, 0.99), latencies.get(latencies.size() - 1), load.loadMillis() / 1000,
                ready[0]);
    }

    /** Sends an ADD for {@code phone} and reads alerts until its CALL_DNC is committed. */
    private static void awaitAlert(BenchRig rig, KafkaConsumer<byte[], byte[]> consumer, JobConfig config, String phone,
                                   Duration max) throws Exception {
        try (KafkaProducer<String, String> producer = rig.producer()) {
            producer.send(new ProducerRecord<>(config.topicSuppressions, phone, "{\"phone_number\":\"" + phone
                    + "\",\"action\":\"ADD\",\"reason\":\"sent_at=0\"}"));
        }
        long deadline = System.currentTimeMillis() + max.toMillis();
        while (System.currentTimeMillis() < deadline) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                Matcher m = SENT.matcher(BenchRig.json(record).path("reason").asText());
                if (m.find() && m.group(2).equals(phone)) {
                    return;
                }
            }
        }
        throw new IllegalStateException("the restored job raised no alert for an ADD within " + max);
    }

    private static boolean complete(List<String> phones, int sent, Map<String, Integer> seen, Map<String, List<String>> leads) {
        if (sent < phones.size()) {
            return false;
        }
        for (String phone : phones) {
            if (seen.getOrDefault(phone, 0) < leads.get(phone).size()) {
                return false;
            }
        }
        return true;
    }
}
