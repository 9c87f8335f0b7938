package io.leadquality.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.leadquality.app.LeadQualityJob;
import io.leadquality.config.JobConfig;
import io.leadquality.sim.SelaSimulator;
import io.leadquality.sim.SimulatorFaults;
import io.leadquality.testkit.EmbeddedKafka;
import io.leadquality.testkit.JobSettings;
import io.leadquality.workflow.WorkflowStages;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestartStrategyOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * What every benchmark run shares: the in-process Kafka broker and the Sela simulator (set latency,
 * made-up leads for any external_id), fresh topics per run, inputs loaded before a job starts, and
 * output rates read from the records' own processing times.
 */
final class BenchRig implements AutoCloseable {
    static final int PARALLELISM = 2;
    /** conf/lead-quality.yaml's; the latency measurement sets its own, shorter one. */
    static final String SHIPPED_CHECKPOINT_INTERVAL = "10s";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    final EmbeddedKafka kafka;
    final SelaSimulator sela;
    final Path work;
    final String token = UUID.randomUUID().toString();
    private int runs;

    BenchRig(Path work) throws Exception {
        this.work = work;
        this.kafka = EmbeddedKafka.start();
        this.sela = new SelaSimulator(0, token).start();
        sela.answerUnknownWithSyntheticLeads(true);
    }

    void apiLatency(long millis) {
        sela.setFaults(SimulatorFaults.NONE.withLatency(millis));
    }

    /** A share of lookups {@code slowMillis} slower, on top of the latency set. */
    void slowLookups(double share, long slowMillis) {
        sela.setFaults(new SimulatorFaults(sela.faults().latencyMillis(), 0, 0, 1, share, slowMillis, 0, false));
    }

    /** Fresh topics for one run; the settings of our job on them at parallelism 2, exactly-once. */
    JobSettings newRun(String name) throws Exception {
        String prefix = "b" + (++runs) + "-" + name + "-";
        JobSettings.createTopics(kafka, prefix, PARALLELISM);
        return JobSettings.of(prefix, kafka, sela, work, token)
                .set("sela.max-requests-per-second", "1000000") // the ceiling under test is Sela's latency, not our limit
                .set("kafka.transaction-timeout", "10min") // the shipped value: full heap snapshots of a million leads take a while
                .set("checkpoint.timeout", "4min") // the shipped value too, not the test settings' 20 s
                .set("checkpoint.interval", SHIPPED_CHECKPOINT_INTERVAL);
    }

    static String topic(JobConfig config) {
        return config.inputTopics.keySet().iterator().next();
    }

    /** Loads the inputs before the job starts, so the job's rate, not the producer's, is measured. */
    void produce(String topic, List<String> payloads) {
        try (KafkaProducer<String, String> producer = producer()) {
            for (String payload : payloads) {
                producer.send(new ProducerRecord<>(topic, payload));
            }
            producer.flush();
        }
    }

    KafkaProducer<String, String> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "1",
                ProducerConfig.LINGER_MS_CONFIG, "5"), new StringSerializer(), new StringSerializer());
    }

    /** A Sela-shaped lead with a phone of its own (a valid Virginia number), as providers send them. */
    static String lead(String externalId) {
        int line = 2_000_000 + Math.floorMod(externalId.hashCode(), 8_000_000);
        return "{\"external_id\":\"" + externalId + "\",\"phone_number\":\"(804) " + line / 10_000 + "-"
                + String.format("%04d", line % 10_000) + "\",\"email\":\"" + externalId + "@example.com\",\"us_state\":\"VA\","
                + "\"lead_type\":7,\"first_name\":\"Bench\",\"last_name\":\"Lead\",\"lead_source\":\"bench\"}";
    }

    /**
     * A local Flink at parallelism 2, as a single machine runs it, checkpointing to files on local
     * disk as a cluster does to its shared file system (the JobManager's memory holds only a few MB).
     */
    StreamExecutionEnvironment localFlink(Configuration extra) {
        Configuration flink = new Configuration();
        flink.set(TaskManagerOptions.NUM_TASK_SLOTS, PARALLELISM);
        flink.set(PipelineOptions.GENERIC_TYPES, false);
        flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, work.resolve("checkpoints").toUri().toString());
        flink.set(RestartStrategyOptions.RESTART_STRATEGY, "none"); // a failure must end the measurement, not repeat it
        flink.addAll(extra);
        return StreamExecutionEnvironment.createLocalEnvironment(PARALLELISM, flink);
    }

    /** Runs our job over the loaded inputs to their end (bounded), with the given lookup stage. */
    Run runOurs(JobSettings settings, WorkflowStages.LookupStage stage) throws Exception {
        return runOurs(settings, WorkflowStages.JOB.withLookup(stage));
    }

    /** As {@link #runOurs(JobSettings, WorkflowStages.LookupStage)}, with the given stages. */
    Run runOurs(JobSettings settings, WorkflowStages stages) throws Exception {
        JobConfig config = settings.set("kafka.bounded", "true").config();
        long requestsBefore = sela.apiRequests();
        StreamExecutionEnvironment env = localFlink(new Configuration());
        LeadQualityJob.build(env, config, UnaryOperator.identity(), stages);
        CpuMeter cpu = CpuMeter.start();
        long started = System.nanoTime();
        try (Profile profile = Profile.start(config.groupId)) {
            env.execute("bench");
        }
        long wallNanos = System.nanoTime() - started;
        CpuMeter.Cpu used = cpu.stop();
        return new Run(Rate.of(processedAt(config.topicEnriched)), sela.apiRequests() - requestsBefore, used, wallNanos);
    }

    /** The {@code processed_at} of every committed record of a topic of ours. */
    List<Long> processedAt(String topic) {
        List<Long> times = new java.util.ArrayList<>();
        readCommitted(topic, record -> times.add(Instant.parse(json(record).get("processed_at").asText()).toEpochMilli()));
        return times;
    }

    /** Reads a topic to its current end, read_committed. */
    void readCommitted(String topic, Consumer<ConsumerRecord<byte[], byte[]>> each) {
        Map<TopicPartition, Long> end = endOffsets(topic);
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            consumer.assign(end.keySet());
            consumer.seekToBeginning(end.keySet());
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                consumer.poll(Duration.ofMillis(200)).forEach(each);
            }
        }
    }

    KafkaConsumer<byte[], byte[]> consumer() {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "bench-reader-" + UUID.randomUUID(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "5000"),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** The last stable offset of each partition (read_committed readers stop there). */
    Map<TopicPartition, Long> endOffsets(String topic) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            for (int p = 0; p < PARALLELISM; p++) {
                request.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            Map<TopicPartition, Long> end = new HashMap<>();
            admin.listOffsets(request, new org.apache.kafka.clients.admin.ListOffsetsOptions(
                    org.apache.kafka.common.IsolationLevel.READ_COMMITTED)).all().get()
                    .forEach((tp, info) -> end.put(tp, info.offset()));
            return end;
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the end of " + topic, e);
        }
    }

    static JsonNode json(ConsumerRecord<byte[], byte[]> record) {
        try {
            return MAPPER.readTree(record.value());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("not JSON", e);
        }
    }

    @Override
    public void close() throws Exception {
        sela.close();
        kafka.close();
    }

    /**
     * With {@code -Dbench.jfr=DIR}, a JFR recording (profiling settings) of each job run, for finding
     * where the time goes when a figure misses its target.
     */
    static final class Profile implements AutoCloseable {
        private final jdk.jfr.Recording recording;

        private Profile(jdk.jfr.Recording recording) {
            this.recording = recording;
        }

        static Profile start(String name) throws Exception {
            String dir = System.getProperty("bench.jfr");
            if (dir == null) {
                return new Profile(null);
            }
            jdk.jfr.Recording recording = new jdk.jfr.Recording(jdk.jfr.Configuration.getConfiguration("profile"));
            recording.setDestination(java.nio.file.Files.createDirectories(Path.of(dir)).resolve(name + ".jfr"));
            recording.start();
            return new Profile(recording);
        }

        @Override
        public void close() {
            if (recording != null) {
                recording.stop();
                recording.close();
            }
        }
    }

    /**
     * One run's output rate, how many Sela requests it made, the CPU it cost this process and its
     * wall time from submission to the end of the bounded job.
     */
    record Run(Rate rate, long selaRequests, CpuMeter.Cpu cpu, long wallNanos) {
        double callsPerEvent() {
            return (double) selaRequests / rate.events();
        }

        /** CPU-microseconds per output event, everything this process spent on the run. */
        double cpuMicrosPerEvent() {
            return cpu.totalNanos() / 1e3 / rate.events();
        }

        /**
         * The share of the machine's cores the run kept busy, from submission to end: at 1.0 its rate
         * is what its CPU per event allows on these cores, whatever the Sela latency would allow.
         */
        double coresBusy(int cores) {
            return cpu.totalNanos() / (double) wallNanos / cores;
        }
    }

    /**
     * Records per second in steady state: over the middle 80% of the records by processing time, so a
     * job's start (new connections, the first lookups) and its last stragglers do not count.
     */
    record Rate(long events, long steadyEvents, long firstMillis, long lastMillis) {
        static Rate of(List<Long> times) {
            List<Long> sorted = new java.util.ArrayList<>(times);
            sorted.sort(Long::compare);
            if (sorted.size() < 10) {
                return new Rate(sorted.size(), 0, 0, 0);
            }
            int from = sorted.size() / 10;
            int to = sorted.size() - 1 - sorted.size() / 10;
            return new Rate(sorted.size(), to - from, sorted.get(from), sorted.get(to));
        }

        double perSecond() {
            return lastMillis == firstMillis ? Double.NaN : steadyEvents * 1000.0 / (lastMillis - firstMillis);
        }
    }
}
