package io.leadquality.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import io.leadquality.app.LeadQualityJob;
import io.leadquality.config.JobConfig;
import io.leadquality.model.RawRecord;
import io.leadquality.sim.SelaSimulator;
import io.leadquality.sim.SimulatorFaults;
import io.leadquality.testkit.EmbeddedKafka;
import io.leadquality.testkit.KafkaTestClient;
import io.leadquality.testkit.Outputs;
import io.leadquality.testkit.JobSettings;
import io.leadquality.testkit.SelaLeads;
import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.SavepointFormatType;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing lost, nothing doubled across failures: planned task failures at three points (one while
 * Sela lookups are in flight) with restarts from checkpoints, and a stop-with-savepoint followed by
 * a restart from it. Every output is read back read_committed, as KafkaSinkITCase does.
 */
class CrashRecoveryITCase {
    private static final String TOKEN = "crash-token-5e";
    private static final int KEYS = 120;

    @RegisterExtension
    static final MiniClusterExtension FLINK = JobSettings.miniCluster();

    private static EmbeddedKafka kafka;
    private static SelaSimulator sela;

    /** Shared with the failing map, which runs in this JVM's MiniCluster. */
    static final AtomicLong RECORDS_SEEN = new AtomicLong();
    static final Set<Long> FIRED = ConcurrentHashMap.newKeySet();
    static final AtomicLong IN_FLIGHT_AT_LAST_FAILURE = new AtomicLong(-1);

    @BeforeAll
    static void startServices() throws Exception {
        kafka = EmbeddedKafka.start();
        sela = new SelaSimulator(0, TOKEN).start();
        sela.setFaults(SimulatorFaults.NONE.withLatency(150)); // lookups stay in flight long enough to be caught
        for (int i = 0; i < KEYS - 20; i++) { // the last 20 keys are not in Sela
            SelaLeads lead = SelaLeads.lead(50_000 + i, key(i));
            if (i % 5 == 0) {
                lead.set("call_dnc", true);
            }
            if (i % 7 == 0) {
                lead.set("status_detail", "tcpa_litigator");
            }
            sela.upsert(lead.build());
        }
    }

    @AfterAll
    static void stopServices() throws Exception {
        sela.close();
        kafka.close();
    }

    @Test
    void plannedFailuresLoseAndDoubleNothing(@TempDir Path tmp) throws Exception {
        String prefix = "crash-";
        JobSettings.createTopics(kafka, prefix, 2);
        List<String> inputs = new ArrayList<>();
        for (int round = 0; round < 4; round++) {
            for (int i = 0; i < KEYS; i++) {
                if ((i + round) % 3 != 0) {
                    inputs.add(payload(key(i)));
                }
            }
        }
        List<String> broken = List.of("{nope", "[]", "{\"x\":1}", "{\"phone_number\":null}", "{\"phone_number\":\"1\",\"email\":5}");
        KafkaTestClient client = new KafkaTestClient(kafka.bootstrapServers());
        client.produceText(prefix + "in", inputs);
        client.produceText(prefix + "in", broken);

        RECORDS_SEEN.set(0);
        FIRED.clear();
        Configuration flink = JobSettings.flinkConfig();
        flink.set(RestartStrategyOptions.RESTART_STRATEGY, "fixed-delay");
        flink.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_ATTEMPTS, 10);
        flink.set(RestartStrategyOptions.RESTART_STRATEGY_FIXED_DELAY_DELAY, Duration.ofMillis(200));
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(flink);
        LeadQualityJob.build(env, config(prefix, tmp, true), records -> records.map(new FailAtPlannedPoints()).name("Planned failures"));
        env.execute("crash-recovery");

        assertThat(FIRED).as("all three planned failures happened").hasSize(3);
        assertThat(IN_FLIGHT_AT_LAST_FAILURE.get()).as("the last failure hit while Sela lookups were in flight").isPositive();

        Outputs out = Outputs.read(client, prefix);
        System.out.printf("crash recovery: %d failures injected (lookups in flight at the last: %d), %d inputs, "
                + "%d enriched, %d dead letters, %d alerts, %d status changes checked%n", FIRED.size(),
                IN_FLIGHT_AT_LAST_FAILURE.get(), inputs.size() + broken.size(), out.enriched().size(), out.deadLetters().size(),
                out.alerts().size(), out.changes().size());
        assertThat(out.positions()).doesNotHaveDuplicates().hasSize(inputs.size() + broken.size());
        assertThat(out.enriched()).hasSize(inputs.size());
        assertThat(out.deadLetters()).hasSize(broken.size());
        assertThat(out.alerts()).extracting(a -> a.get("alert_id").asText()).doesNotHaveDuplicates();
        assertThat(out.alertKeys()).containsExactlyInAnyOrderElementsOf(expectedAlerts(KEYS));
        assertThat(out.changeKeys()).doesNotHaveDuplicates().hasSize(expectedFirstSnapshotChanges(KEYS));
    }

    @Test
    void stopWithSavepointAndRestartRepeatsNoStatusChangeAndNoAlert(@TempDir Path tmp) throws Exception {
        String prefix = "savepoint-";
        JobSettings.createTopics(kafka, prefix, 2);
        KafkaTestClient client = new KafkaTestClient(kafka.bootstrapServers());
        int firstKeys = 40;
        List<String> batchA = new ArrayList<>();
        for (int i = 0; i < firstKeys; i++) {
            batchA.add(payload(key(i)));
        }
        client.produceText(prefix + "in", batchA);

        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(JobSettings.flinkConfig());
        LeadQualityJob.build(env, config(prefix, tmp, false));
        JobClient job = env.executeAsync("before-savepoint");
        client.readUntil(prefix + "enriched", Duration.ofSeconds(60), Duration.ofSeconds(90), r -> r.size() >= batchA.size());
        String savepoint = job.stopWithSavepoint(false, tmp.resolve("savepoints").toUri().toString(),
                SavepointFormatType.CANONICAL).get();
        Outputs before = Outputs.read(client, prefix);
        assertThat(before.enriched()).hasSize(batchA.size());

        List<String> batchB = new ArrayList<>(batchA); // the same leads again...
        for (int i = firstKeys; i < firstKeys + 20; i++) {
            batchB.add(payload(key(i))); // ...and new ones
        }
        client.produceText(prefix + "in", batchB);
        Configuration restore = JobSettings.flinkConfig();
        restore.set(StateRecoveryOptions.SAVEPOINT_PATH, savepoint);
        StreamExecutionEnvironment resumed = StreamExecutionEnvironment.getExecutionEnvironment(restore);
        // Unbounded again: splits restored from an unbounded run keep its (absent) stopping offsets.
        LeadQualityJob.build(resumed, config(prefix, tmp, false));
        JobClient resumedJob = resumed.executeAsync("after-savepoint");
        client.readUntil(prefix + "enriched", Duration.ofSeconds(60), Duration.ofSeconds(90),
                r -> r.size() >= batchA.size() + batchB.size());
        Thread.sleep(2_000); // alerts and changes of the same checkpoint
        JobSettings.cancelAndWait(resumedJob);

        Outputs after = Outputs.read(client, prefix);
        assertThat(after.positions()).doesNotHaveDuplicates().hasSize(batchA.size() + batchB.size());
        assertThat(after.changeKeys()).doesNotHaveDuplicates().hasSize(expectedFirstSnapshotChanges(firstKeys + 20));
        assertThat(after.alertKeys()).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(expectedAlerts(firstKeys + 20));
        Set<String> newChanges = new TreeSet<>(after.changeKeys());
        newChanges.removeAll(before.changeKeys());
        assertThat(newChanges).isNotEmpty()
                .allSatisfy(k -> assertThat(index(k.substring(0, k.indexOf(':')))).isGreaterThanOrEqualTo(firstKeys));
    }

    /** Throws at three points of the stream; each point fires once, across restarts. */
    static final class FailAtPlannedPoints implements MapFunction<RawRecord, RawRecord> {
        private static final long serialVersionUID = 1L;

        @Override
        public RawRecord map(RawRecord record) throws InterruptedException {
            long seen = RECORDS_SEEN.incrementAndGet();
            for (long point : new long[] {40, 150, 260}) {
                if (seen >= point && FIRED.add(point)) {
                    if (point == 260) {
                        awaitLookupsInFlight();
                    }
                    throw new IllegalStateException("planned failure at record " + seen);
                }
            }
            return record;
        }

        // The source outruns the lookups; hold the last failure until Sela has requests outstanding.
        private static void awaitLookupsInFlight() throws InterruptedException {
            long deadline = System.currentTimeMillis() + 10_000;
            while (sela.inFlight() == 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(5);
            }
            IN_FLIGHT_AT_LAST_FAILURE.set(sela.inFlight());
        }
    }

    private static List<String> expectedAlerts(int keys) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < keys; i++) {
            if (i >= KEYS - 20) {
                out.add(key(i) + ":NOT_IN_SELA:RAISED");
                continue;
            }
            if (i % 5 == 0) {
                out.add(key(i) + ":CALL_DNC:RAISED");
            }
            if (i % 7 == 0) {
                out.add(key(i) + ":TCPA_LITIGATOR:RAISED");
            }
        }
        return out;
    }

    /** status, call_dnc, sms_dnc for every lead Sela knows, status_detail where set. */
    private static int expectedFirstSnapshotChanges(int keys) {
        int changes = 0;
        for (int i = 0; i < Math.min(keys, KEYS - 20); i++) {
            changes += 3 + (i % 7 == 0 ? 1 : 0);
        }
        return changes;
    }

    private static String key(int i) {
        return String.format("k-%03d", i);
    }

    private static int index(String key) {
        return Integer.parseInt(key.substring(2));
    }

    private static String payload(String externalId) {
        return "{\"external_id\":\"" + externalId + "\",\"phone_number\":\"(804) 222-1111\",\"us_state\":\"VA\"}";
    }



    private static JobConfig config(String prefix, Path tmp, boolean bounded) {
        return JobSettings.of(prefix, kafka, sela, tmp, TOKEN)
                .set("kafka.bounded", Boolean.toString(bounded))
                .set("sela.max-requests-per-second", "2000")
                .set("sela.max-in-flight", "20")
                .set("checkpoint.interval", "300ms")
                .config();
    }
}
