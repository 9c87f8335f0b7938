package io.leadquality.webhooks;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.leadquality.config.JobConfig;
import io.leadquality.normalize.Timestamps;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The receiver for Sela's outbound webhooks (SPEC section 8): {@code POST /sela/{TRIGGER}?key={secret}}.
 * A request is answered {@code 200} only once Kafka has acknowledged its record (acks=all, idempotent
 * producer), so Sela retries anything not answered 200 and nothing is half-written. The secret is
 * compared in constant time and never logged: no request URI is.
 */
public final class WebhookReceiver implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WebhookReceiver.class);
    private static final String PREFIX = "/sela/";
    private static final long KAFKA_WAIT_SECONDS = 10;
    private static final long WARNING_INTERVAL_MILLIS = 10_000;
    private static final JsonFactory JSON = new JsonFactory();

    private final String topic;
    private final int maxBodyBytes;
    private final byte[] secret;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Admin admin;
    private final HttpServer server;
    private final ExecutorService workers;
    private final AtomicLong lastKafkaWarning = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();

    public WebhookReceiver(JobConfig config, String secret) throws IOException {
        this.topic = config.topicSelaWebhooks;
        this.maxBodyBytes = config.maxRecordBytes;
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        Properties kafka = new Properties();
        kafka.putAll(config.kafkaProperties);
        kafka.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers);
        kafka.put(ProducerConfig.ACKS_CONFIG, "all");
        kafka.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        kafka.put(ProducerConfig.LINGER_MS_CONFIG, "2"); // concurrent requests share a batch
        kafka.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(TimeUnit.SECONDS.toMillis(KAFKA_WAIT_SECONDS) / 2));
        kafka.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
        kafka.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(TimeUnit.SECONDS.toMillis(KAFKA_WAIT_SECONDS) - 1000));
        this.producer = new KafkaProducer<>(kafka, new ByteArraySerializer(), new ByteArraySerializer());
        Properties adminProperties = new Properties();
        adminProperties.putAll(config.kafkaProperties);
        adminProperties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers);
        this.admin = Admin.create(adminProperties);
        this.server = HttpServer.create(new InetSocketAddress(config.webhooksBind, config.webhooksPort), 512);
        this.workers = Executors.newFixedThreadPool(64, r -> {
            Thread t = new Thread(r, "sela-webhooks");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(workers);
        server.createContext("/", this::handle);
    }

    public WebhookReceiver start() {
        server.start();
        LOG.info("Sela webhook receiver on http://{}:{}{}<TRIGGER>?key=..., writing to {}", server.getAddress().getHostString(),
                port(), PREFIX, topic);
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** Requests answered 200, for tests and the demo. */
    public long accepted() {
        return accepted.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String method = exchange.getRequestMethod();
            if (path.equals("/health") && method.equals("GET")) {
                boolean reachable = kafkaReachable();
                reply(exchange, reachable ? 200 : 503, reachable ? "ok" : "Kafka is not reachable");
                return;
            }
            if (!path.startsWith(PREFIX) || !method.equals("POST")) {
                reply(exchange, 404, "not found");
                return;
            }
            if (!keyMatches(exchange.getRequestURI().getRawQuery())) {
                reply(exchange, 401, "missing or wrong key");
                return;
            }
            String trigger = path.substring(PREFIX.length());
            if (!SelaTriggers.ALL.contains(trigger)) {
                reply(exchange, 404, "unknown trigger");
                return;
            }
            byte[] body = exchange.getRequestBody().readNBytes(maxBodyBytes + 1);
            if (body.length > maxBodyBytes) {
                reply(exchange, 413, "body over " + maxBodyBytes + " bytes");
                return;
            }
            reply(exchange, write(trigger, body) ? 200 : 503, null);
        }
    }

    /** The record, acknowledged by every in-sync replica, or false: then Sela retries and nothing was written. */
    private boolean write(String trigger, byte[] body) {
        String externalId = externalIdOf(body);
        ProducerRecord<byte[], byte[]> record = new ProducerRecord<>(topic, null,
                externalId == null ? null : externalId.getBytes(StandardCharsets.UTF_8), body);
        record.headers().add(SelaTriggers.TRIGGER_HEADER, trigger.getBytes(StandardCharsets.UTF_8));
        record.headers().add(SelaTriggers.RECEIVED_AT_HEADER,
                Timestamps.formatMillis(System.currentTimeMillis()).getBytes(StandardCharsets.UTF_8));
        try {
            producer.send(record).get(KAFKA_WAIT_SECONDS, TimeUnit.SECONDS);
            accepted.incrementAndGet();
            return true;
        } catch (Exception e) {
            long now = System.currentTimeMillis();
            long last = lastKafkaWarning.get();
            if (now - last >= WARNING_INTERVAL_MILLIS && lastKafkaWarning.compareAndSet(last, now)) {
                LOG.warn("Kafka did not take a webhook for {}: answering 503 so Sela retries ({})", topic,
                        e.getCause() != null ? e.getCause().getClass().getSimpleName() : e.getClass().getSimpleName());
            }
            return false;
        }
    }

    private boolean keyMatches(String rawQuery) {
        if (rawQuery == null) {
            return false;
        }
        for (String pair : rawQuery.split("&")) {
            if (pair.startsWith("key=")) {
                byte[] given = URLDecoder.decode(pair.substring(4), StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
                return MessageDigest.isEqual(given, secret);
            }
        }
        return false;
    }

    private boolean kafkaReachable() {
        try {
            admin.describeCluster().clusterId().get(2, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    /** The body's top-level {@code external_id} as text, or null (absent, null, or the body is no JSON object). */
    static String externalIdOf(byte[] body) {
        try (JsonParser json = JSON.createParser(body)) {
            if (json.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (json.nextToken() == JsonToken.FIELD_NAME) {
                String field = json.currentName();
                JsonToken value = json.nextToken();
                if (field.equals("external_id")) {
                    return value == JsonToken.VALUE_STRING || value == JsonToken.VALUE_NUMBER_INT ? json.getText() : null;
                }
                json.skipChildren();
            }
            return null;
        } catch (IOException | RuntimeException notJson) {
            return null;
        }
    }

    private static void reply(HttpExchange exchange, int status, String text) throws IOException {
        byte[] body = text == null ? new byte[0] : (text + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        workers.shutdownNow();
        producer.close(java.time.Duration.ofSeconds(5));
        admin.close(java.time.Duration.ofSeconds(5));
    }
}
