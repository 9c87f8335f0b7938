package io.leadquality.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadquality.config.JobConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/** Reads the four output topics as a downstream consumer would (read_committed), prints alerts and status changes, counts everything. */
final class DemoConsole implements Runnable, AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final JobConfig config;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread = new Thread(this, "demo-console");
    final AtomicLong enriched = new AtomicLong();
    final AtomicLong deadLetters = new AtomicLong();
    final Map<String, Long> flagsOnEnriched = new TreeMap<>();
    final Map<String, Long> alertsByFlagAndState = new TreeMap<>();
    private final Map<String, Long> alertsByLeadAndFlag = new TreeMap<>();
    /** leads.source-quality: per lead_source|lead_type|window_start, its newest revision. */
    private final Map<String, JsonNode> qualityByWindow = new TreeMap<>();
    /** Per lead, the next_allowed_call_at of its newest enriched record. */
    private final Map<String, String> nextAllowedByLead = new TreeMap<>();
    final Map<String, Long> deadLettersByCode = new TreeMap<>();
    final Map<String, Long> statusChangesByField = new TreeMap<>();
    /** Per lead, the fields of its first snapshot seen in the current poll, printed as one line. */
    private final Map<String, StringBuilder> firstSnapshots = new LinkedHashMap<>();

    DemoConsole(JobConfig config) {
        this.config = config;
    }

    void start() {
        thread.setDaemon(true);
        thread.start();
    }

    synchronized long alerts() {
        return alertsByFlagAndState.values().stream().mapToLong(Long::longValue).sum();
    }

    long enrichedRecords() {
        return enriched.get();
    }

    long outputsForInputs() {
        return enriched.get() + deadLetters.get();
    }

    @Override
    public void run() {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "demo-console",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(config.topicEnriched, config.topicAlerts, config.topicStatusChanges, config.topicDeadLetter,
                    config.topicSourceQuality));
            while (running.get()) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    show(record.topic(), MAPPER.readTree(record.value()));
                }
                printFirstSnapshots();
            }
        } catch (IOException | RuntimeException e) {
            if (running.get()) {
                System.out.println("console stopped: " + e);
            }
        }
    }

    private synchronized void show(String topic, JsonNode json) {
        if (topic.equals(config.topicSourceQuality)) { // the newest revision of each window, as the compacted topic keeps
            qualityByWindow.put(json.get("lead_source").asText() + "|" + json.get("lead_type").asText() + "|"
                    + json.get("window_start").asText(), json);
            return;
        }
        if (topic.equals(config.topicEnriched)) {
            enriched.incrementAndGet();
            json.get("flags").forEach(f -> flagsOnEnriched.merge(f.asText(), 1L, Long::sum));
            nextAllowedByLead.put(json.get("external_id").asText(), json.get("next_allowed_call_at").asText());
        } else if (topic.equals(config.topicDeadLetter)) {
            deadLetters.incrementAndGet();
            deadLettersByCode.merge(json.get("error_code").asText(), 1L, Long::sum);
            System.out.printf("  DEAD-LETTER %-16s %s%n", json.get("error_code").asText(), json.get("error").asText());
        } else if (topic.equals(config.topicAlerts)) {
            alertsByFlagAndState.merge(json.get("flag").asText() + " " + json.get("state").asText(), 1L, Long::sum);
            alertsByLeadAndFlag.merge(json.get("external_id").asText() + " " + json.get("flag").asText(), 1L, Long::sum);
            JsonNode nextAllowed = json.get("next_allowed_call_at");
            System.out.printf("  ALERT  %-7s %-22s %-8s %-38s %s%s%n", json.get("state").asText(), json.get("flag").asText(),
                    json.get("severity").asText(), json.get("external_id").asText(), json.get("reason").asText(),
                    nextAllowed == null ? "" : " [next allowed call: " + nextAllowed.asText() + ", rules "
                            + json.get("rules_version").asText() + "]");
        } else if (topic.equals(config.topicStatusChanges)) {
            statusChangesByField.merge(json.get("field").asText(), 1L, Long::sum);
            JsonNode seconds = json.get("seconds_in_previous");
            if (json.get("from").isNull() && seconds.isNull()) { // a lead's first snapshot: one line, below
                firstSnapshots.computeIfAbsent(json.get("external_id").asText(), k -> new StringBuilder())
                        .append(' ').append(json.get("field").asText()).append('=').append(json.get("to"));
                return;
            }
            System.out.printf("  STATUS %-38s %-14s %s -> %s%s%n", json.get("external_id").asText(), json.get("field").asText(),
                    json.get("from"), json.get("to"), seconds.isNull() ? "" : " (after " + humanDuration(seconds.asLong()) + ")");
        }
    }

    private synchronized void printFirstSnapshots() {
        firstSnapshots.forEach((lead, fields) -> System.out.printf("  STATUS %-38s first seen in Sela:%s%n", lead, fields));
        firstSnapshots.clear();
    }

    /** {@code 2 d 1 h}, {@code 3 h 20 min}, {@code 5 min 3 s}, {@code 42 s}: the two largest units. */
    static String humanDuration(long seconds) {
        long days = seconds / 86_400;
        long hours = seconds % 86_400 / 3_600;
        long minutes = seconds % 3_600 / 60;
        long secs = seconds % 60;
        if (days > 0) {
            return days + " d" + (hours > 0 ? " " + hours + " h" : "");
        }
        if (hours > 0) {
            return hours + " h" + (minutes > 0 ? " " + minutes + " min" : "");
        }
        if (minutes > 0) {
            return minutes + " min" + (secs > 0 ? " " + secs + " s" : "");
        }
        return secs + " s";
    }

    synchronized long alertsFor(String externalId, String flag) {
        return alertsByLeadAndFlag.getOrDefault(externalId + " " + flag, 0L);
    }

    /** The earliest legal call the rules give each lead, from its newest enriched record. */
    synchronized void printNextAllowed(String... externalIds) {
        for (String id : externalIds) {
            System.out.printf("  NEXT   %-38s next_allowed_call_at %s%n", id, nextAllowedByLead.get(id));
        }
    }

    /** Enriched records counted in the source-quality windows written so far. */
    synchronized long eventsInQualityWindows() {
        return qualityByWindow.values().stream().mapToLong(q -> q.get("events").asLong()).sum();
    }

    /** leads.source-quality summed over its windows, per lead source and type. */
    synchronized void printQualityTable() {
        Map<String, long[]> bySource = new TreeMap<>();
        Map<String, Map<String, Long>> flaggedBySource = new TreeMap<>();
        qualityByWindow.values().forEach(q -> {
            String source = q.get("lead_source").asText() + " / " + q.get("lead_type").asText();
            long[] sums = bySource.computeIfAbsent(source, k -> new long[5]);
            sums[0] += q.get("events").asLong();
            sums[1] += q.get("leads").asLong();
            sums[2] += q.get("duplicates").asLong();
            sums[3] += q.get("not_in_sela").asLong();
            sums[4] += 1;
            q.get("flagged").fields().forEachRemaining(f -> flaggedBySource.computeIfAbsent(source, k -> new TreeMap<>())
                    .merge(f.getKey(), f.getValue().asLong(), Long::sum));
        });
        System.out.println();
        System.out.println("Lead-source quality (" + config.topicSourceQuality + ", summed over " + qualityByWindow.size()
                + " windows of " + config.analyticsWindow.toSeconds() + " s of event time)");
        System.out.printf("  %-22s %6s %6s %10s %11s  %s%n", "lead_source / type", "events", "leads", "duplicates",
                "not_in_sela", "leads flagged");
        bySource.forEach((source, sums) -> System.out.printf("  %-22s %6d %6d %10d %11d  %s%n", source, sums[0], sums[1],
                sums[2], sums[3], flaggedBySource.getOrDefault(source, Map.of())));
        qualityByWindow.values().stream().filter(q -> q.get("flagged").size() > 1).findFirst()
                .or(() -> qualityByWindow.values().stream().findFirst())
                .ifPresent(q -> System.out.println("  one of its records: " + q));
    }

    synchronized void printSummary(long inputs) {
        System.out.println();
        System.out.println("Summary");
        System.out.printf("  inputs %d -> enriched %d, dead-lettered %d (nothing lost: %s)%n", inputs, enriched.get(),
                deadLetters.get(), inputs == outputsForInputs() ? "yes" : "NO");
        System.out.println("  flags on enriched records: " + flagsOnEnriched);
        System.out.println("  alerts: " + alertsByFlagAndState);
        System.out.println("  status changes by field: " + statusChangesByField);
        System.out.println("  dead letters by code: " + deadLettersByCode);
    }

    @Override
    public void close() throws InterruptedException {
        running.set(false);
        thread.join(5_000);
    }
}
