package io.leadquality.bench;

import io.leadquality.config.JobConfig;
import io.leadquality.testkit.JobSettings;
import io.leadquality.webhooks.WebhookReceiver;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
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
 */
final class WebhookProbe {
    private WebhookProbe() {}

    record Result(int requests, double perSecond, long p50Micros, long p99Micros, int failures) {}

    static Result run(BenchRig rig, JobSettings settings, int requests, int clients) throws Exception {
        JobConfig config = settings.config().with(Map.of("webhooks.port", "0"));
        String secret = UUID.randomUUID().toString();
        long[] latencies = new long[requests];
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        try (WebhookReceiver receiver = new WebhookReceiver(config, secret).start()) {
            URI uri = URI.create("http://127.0.0.1:" + receiver.port() + "/sela/LEAD_UPDATED?key=" + secret);
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            send(http, uri, 0, 500); // warm-up: connections, the producer's metadata, the JIT
            ExecutorService senders = Executors.newFixedThreadPool(clients);
            long start = System.nanoTime();
            Future<?>[] done = new Future<?>[clients];
            for (int c = 0; c < clients; c++) {
                done[c] = senders.submit(() -> {
                    for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                        long sent = System.nanoTime();
                        if (!send(http, uri, i, 1)) {
                            failures.incrementAndGet();
                        }
                        latencies[i] = (System.nanoTime() - sent) / 1_000;
                    }
                    return null;
                });
            }
            for (Future<?> f : done) {
                f.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            senders.shutdownNow();
            Arrays.sort(latencies);
            return new Result(requests, requests / seconds, latencies[requests / 2], latencies[(int) (requests * 0.99)],
                    failures.get());
        }
    }

    private static boolean send(HttpClient http, URI uri, int from, int count) {
        boolean ok = true;
        for (int i = from; i < from + count; i++) {
            String body = "{\"id\":" + (900_000 + i) + ",\"external_id\":\"wh-" + i + "\",\"phone_number\":\"+18042221111\","
                    + "\"status\":\"OPEN\",\"call_dnc\":false,\"sms_dnc\":false,\"us_state\":\"VA\",\"call_count\":1,"
                    + "\"modified_time\":\"2026-01-05T11:30:20.764434-08:00\",\"last_chat\":{}}";
            try {
                ok &= http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.discarding())
                        .statusCode() == 200;
            } catch (Exception e) {
                ok = false;
            }
        }
        return ok;
    }
}
