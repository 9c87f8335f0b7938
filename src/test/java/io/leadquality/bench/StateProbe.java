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
import java.lang.management.ManagementFactory;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * State per lead after N distinct leads went through the whole job: the JVM heap the running job
 * holds (heap backend: what is freed when the job ends; the caller subtracts a run without leads),
 * RocksDB's files on local disk (RocksDB backend), and the size of a completed checkpoint (both),
 * each divided by N.
 */
final class StateProbe {
    private StateProbe() {}

    record Result(String backend, long keys, long heapBytes, long localDiskBytes, long checkpointBytes) {
        Result withoutHeap(long jobHeapBytes) {
            return new Result(backend, keys, heapBytes == 0 ? 0 : heapBytes - jobHeapBytes, localDiskBytes, checkpointBytes);
        }

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

        Path checkpoints = Files.createDirectories(rig.work.resolve("checkpoints-" + backend + "-" + keys));
        Path rocksdb = Files.createDirectories(rig.work.resolve("rocksdb-" + backend + "-" + keys));
        Configuration flink = new Configuration();
        flink.set(CheckpointingOptions.CHECKPOINTS_DIRECTORY, checkpoints.toUri().toString());
        flink.set(CheckpointingOptions.MAX_RETAINED_CHECKPOINTS, 1);
        flink.set(ConfigOptions.key("state.backend.rocksdb.localdir").stringType().noDefaultValue(), rocksdb.toString());
        StreamExecutionEnvironment env = rig.localFlink(flink);
        LeadQualityJob.build(env, config);

        JobClient job = env.executeAsync("bench-state-" + backend);
        long heapWithJob;
        long checkpointBytes;
        long localDiskBytes;
        try {
            while (rig.endOffsets(config.topicEnriched).values().stream().mapToLong(Long::longValue).sum() < keys) {
                Thread.sleep(500);
            }
            long before = newestCompleted(checkpoints);
            long deadline = System.currentTimeMillis() + 300_000;
            while (newestCompleted(checkpoints) <= before + 1 && System.currentTimeMillis() < deadline) {
                Thread.sleep(500); // two more completed checkpoints: the second began after every lead was in state
            }
            heapWithJob = usedHeapAfterGc();
            checkpointBytes = lastCompleted(checkpoints);
            localDiskBytes = size(rocksdb); // RocksDB's files go when the job ends
        } finally {
            JobSettings.cancelAndWait(job);
        }
        // Measured against the heap right after the job, not before it: caches of the process that
        // earlier figures filled (phone numbers, bounded and emptied when full) would otherwise
        // count, or even make the figure negative when one is emptied during the run.
        Thread.sleep(1_000); // the job's local cluster shuts down after the job has ended
        long heap = heapWithJob - usedHeapAfterGc();
        return new Result(backend, keys, backend.equals("hashmap") ? heap : 0, localDiskBytes, checkpointBytes);
    }

    private static long usedHeapAfterGc() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /**
     * The newest completed checkpoint (its folder has {@code _metadata}) and the shared files it may
     * refer to (RocksDB's incremental ones); a checkpoint still being written does not count.
     */
    private static long lastCompleted(Path checkpoints) throws IOException {
        try (Stream<Path> jobs = Files.list(checkpoints)) {
            long total = 0;
            for (Path job : jobs.toList()) {
                try (Stream<Path> dirs = Files.list(job)) {
                    Path newest = dirs.filter(d -> d.getFileName().toString().startsWith("chk-"))
                            .filter(d -> Files.exists(d.resolve("_metadata")))
                            .max(java.util.Comparator.comparingLong(d -> Long.parseLong(d.getFileName().toString().substring(4))))
                            .orElse(null);
                    total += newest == null ? 0 : size(newest);
                }
                total += Files.isDirectory(job.resolve("shared")) ? size(job.resolve("shared")) : 0;
            }
            return total;
        }
    }

    private static long newestCompleted(Path checkpoints) throws IOException {
        try (Stream<Path> files = Files.walk(checkpoints, 3)) {
            return files.filter(f -> f.getFileName().toString().equals("_metadata"))
                    .mapToLong(f -> Long.parseLong(f.getParent().getFileName().toString().substring(4)))
                    .max().orElse(0);
        }
    }

    /** The files under a folder the running job is changing: some vanish while it is walked. */
    private static long size(Path dir) throws IOException {
        long[] total = {0};
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                // Inside RocksDB's folder, chk-N is a checkpoint being taken: hard links to the same files.
                return !d.equals(dir) && d.getFileName().toString().startsWith("chk-")
                        ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                total[0] += attrs.isRegularFile() ? attrs.size() : 0;
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                return FileVisitResult.CONTINUE; // removed while walking
            }
        });
        return total[0];
    }
}
