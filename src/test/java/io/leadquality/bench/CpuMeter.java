package io.leadquality.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/**
 * The CPU one job run costs this process, split by who spent it. Everything runs in the bench JVM,
 * so: the Sela simulator's threads (named {@code sela-sim-}), the broker's (every other thread that
 * was alive before the run: Kafka's test kit and this JVM's own), and the job's (the rest of the
 * process's CPU: the threads the run started, which end with it, and the GC and JIT it causes).
 */
final class CpuMeter {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private final long processBefore;
    private final Map<Long, Long> before = new HashMap<>();
    private final Map<Long, Boolean> simulator = new HashMap<>();

    private CpuMeter() {
        for (ThreadInfo info : THREADS.getThreadInfo(THREADS.getAllThreadIds())) {
            if (info != null) {
                before.put(info.getThreadId(), THREADS.getThreadCpuTime(info.getThreadId()));
                simulator.put(info.getThreadId(), info.getThreadName().startsWith("sela-sim-"));
            }
        }
        processBefore = processCpuNanos();
    }

    static CpuMeter start() {
        return new CpuMeter();
    }

    /** CPU-nanoseconds since {@link #start()}: job, simulator, broker. */
    Cpu stop() {
        long process = processCpuNanos() - processBefore;
        long sim = 0;
        long others = 0;
        for (Map.Entry<Long, Long> thread : before.entrySet()) {
            long now = THREADS.getThreadCpuTime(thread.getKey());
            if (now < 0 || thread.getValue() < 0) {
                continue; // ended since, or not measurable
            }
            if (simulator.get(thread.getKey())) {
                sim += now - thread.getValue();
            } else {
                others += now - thread.getValue();
            }
        }
        return new Cpu(Math.max(0, process - sim - others), sim, others);
    }

    static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** CPU-nanoseconds of one run, by who spent them. */
    record Cpu(long jobNanos, long simulatorNanos, long brokerNanos) {
        long totalNanos() {
            return jobNanos + simulatorNanos + brokerNanos;
        }
    }
}
