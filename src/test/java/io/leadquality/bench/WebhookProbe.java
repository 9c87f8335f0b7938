package io.leadquality.bench;

import io.leadquality.config.JobConfig;
import io.leadquality.testkit.JobSettings;
import io.leadquality.webhooks.WebhookReceiver;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The webhook receiver on its own: {@code clients} senders post Sela lead bodies as fast as it answers,
 * each answer 200 only after Kafka (the in-process broker) acknowledged the record with acks=all.
 *
 * <p>The senders are lean keep-alive HTTP/1.1 connections, one per sender thread, like a load
 * generator (wrk, ab): the JDK's HttpClient spent as much CPU per request as the receiver did, on the
 * same two cores. The CPU time of the receiver's own threads (the HTTP server's dispatcher and workers,
 * the producer's I/O thread) is taken per request, so the figure also says what the receiver needs
 * with the cores to itself.
 */
final class WebhookProbe {
    private WebhookProbe() {}

    record Result(int requests, double perSecond, long p50Micros, long p99Micros, int failures, double receiverCpuMicros) {
        /** Requests/s the receiver's own CPU time allows on {@code cores} cores. */
        double perSecondOnCores(int cores) {
            return receiverCpuMicros <= 0 ? 0 : cores * 1e6 / receiverCpuMicros;
        }
    }

    static Result run(BenchRig rig, JobSettings settings, int requests, int clients) throws Exception {
        JobConfig config = settings.config().with(Map.of("webhooks.port", "0"));
        String secret = UUID.randomUUID().toString();
        long[] latencies = new long[requests];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        try (WebhookReceiver receiver = new WebhookReceiver(config, secret).start()) {
            String target = "/sela/LEAD_UPDATED?key=" + secret;
            try (Sender warmUp = new Sender(receiver.port(), target)) {
                for (int i = 0; i < 500; i++) { // connections, the producer's metadata, the JIT
                    warmUp.post(body(-1 - i));
                }
            }
            ExecutorService senders = Executors.newFixedThreadPool(clients);
            long cpuBefore = receiverCpuNanos();
            long start = System.nanoTime();
            Future<?>[] done = new Future<?>[clients];
            for (int c = 0; c < clients; c++) {
                done[c] = senders.submit(() -> {
                    try (Sender sender = new Sender(receiver.port(), target)) {
                        for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                            long sent = System.nanoTime();
                            if (sender.post(body(i)) != 200) {
                                failures.incrementAndGet();
                            }
                            latencies[i] = (System.nanoTime() - sent) / 1_000;
                        }
                    }
                    return null;
                });
            }
            for (Future<?> f : done) {
                f.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuMicrosPerRequest = (receiverCpuNanos() - cpuBefore) / 1e3 / requests;
            senders.shutdownNow();
            Arrays.sort(latencies);
            return new Result(requests, requests / seconds, latencies[requests / 2], latencies[(int) (requests * 0.99)],
                    failures.get(), cpuMicrosPerRequest);
        }
    }

    private static byte[] body(int i) {
        return ("{\"id\":" + (900_000 + i) + ",\"external_id\":\"wh-" + i + "\",\"phone_number\":\"+18042221111\","
                + "\"status\":\"OPEN\",\"call_dnc\":false,\"sms_dnc\":false,\"us_state\":\"VA\",\"call_count\":1,"
                + "\"modified_time\":\"2026-01-05T11:30:20.764434-08:00\",\"last_chat\":{}}").getBytes(StandardCharsets.UTF_8);
    }

    /** CPU time of the receiver's threads so far: the JDK server's dispatcher and workers, the producer's sender. */
    private static long receiverCpuNanos() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long total = 0;
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            String name = info.getThreadName();
            if (name.equals("sela-webhooks") || name.startsWith("HTTP-Dispatcher")
                    || name.startsWith("kafka-producer-network-thread")) {
                long cpu = threads.getThreadCpuTime(info.getThreadId());
                total += Math.max(cpu, 0);
            }
        }
        return total;
    }

    /** One keep-alive HTTP/1.1 connection that posts a body and reads the status of the answer. */
    private static final class Sender implements AutoCloseable {
        private final Socket socket;
        private final OutputStream out;
        private final BufferedInputStream in;
        private final byte[] head;

        Sender(int port, String target) throws IOException {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            out = new BufferedOutputStream(socket.getOutputStream());
            in = new BufferedInputStream(socket.getInputStream());
            head = ("POST " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ")
                    .getBytes(StandardCharsets.US_ASCII);
        }

        int post(byte[] body) throws IOException {
            out.write(head);
            out.write((body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            String status = line();
            int code = Integer.parseInt(status.substring(9, 12));
            long length = 0;
            for (String header = line(); !header.isEmpty(); header = line()) {
                if (header.regionMatches(true, 0, "Content-Length:", 0, 15)) {
                    length = Long.parseLong(header.substring(15).trim());
                }
            }
            in.skipNBytes(length);
            return code;
        }

        private String line() throws IOException {
            StringBuilder line = new StringBuilder(64);
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new EOFException("the receiver closed the connection");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
