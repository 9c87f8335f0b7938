package io.leadquality.bench;

import io.leadquality.app.LeadQualityJob;
import io.leadquality.config.JobConfig;
import io.leadquality.testkit.JobSettings;
import org.apache.flink.configuration.CheckpointingOptions;
import org.apache.flink.configuration.ConfigOptions;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * State per lead after N distinct leads went through the whole job: the JVM heap the job's state
 * takes (heap backend), RocksDB's files on local disk (RocksDB backend), and the size of a
 * completed checkpoint (both), each divided by N.
 */
final class StateProbe {
    private StateProbe() {}

    record Result(String backend, long keys, long heapBytes, long localDiskBytes, long checkpointBytes) {
        double heapPerKey() {
            return (double) heapBytes / keys;
        }

        double diskPerKey() {
            return (double) localDiskBytes / keys;
        }

        double checkpointPerKey() {
            return (double) checkpointBytes / keys;
        }
    }

    static Result run(BenchRig rig, JobSettings settings, String backend, int keys) throws Exception {
        JobConfig config = settings.set("state.backend", backend).config();
        List<String> leads = new ArrayList<>(keys);
        for (int i = 0; i < keys; i++) {
            leads.add(BenchRig.lead("st-" + backend + "-" + i));
        }
        rig.produce(BenchRig.topic(config), leads);
        leads.clear();

        Path checkpoints = Files.createDirectories(rig.work.resolve("checkpoints-" + backend));
        Path rocksdb = Files.createDirectories(rig.work.resolve("rocksdb-" + backend));
        Configuration flink = new Configuration();
        flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        flink.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 1);
        flink.set(ConfigOptions.key("state.backend.rocksdb.localdir").stringType().noDefaultValue(), rocksdb.toString());
        StreamExecutionEnvironment env = rig.localFlink(flink);
        LeadQualityJob.build(env, config);

        long heapBefore = usedHeapAfterGc();
        JobClient job = env.executeAsync("bench-state-" + backend);
        try {
            while (rig.endOffsets(config.topicEnriched).values().stream().mapToLong(Long::longValue).sum() < keys) {
                Thread.sleep(500);
            }
            Thread.sleep(3 * config.checkpointInterval.toMillis() + 1_000); // a checkpoint with every lead in it
            long heap = usedHeapAfterGc() - heapBefore;
            return new Result(backend, keys, backend.equals("hashmap") ? heap : 0, size(rocksdb), size(checkpoints));
        } finally {
            JobSettings.cancelAndWait(job);
        }
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    private static long size(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    return 0; // removed while walking: an older checkpoint being cleaned up
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
