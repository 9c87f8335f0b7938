package io.leadquality.testkit;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * A real HTTP server that answers each external_id from a script of responses (the last one
 * repeats), and records when each request arrived: for exact retry and timeout tests.
 */
public final class ScriptedSelaServer implements AutoCloseable {
    public record Reply(int status, String body, Map<String, String> headers, long delayMillis) {
        public static Reply ok(String body) {
            return new Reply(200, body, Map.of(), 0);
        }

        public static Reply status(int status) {
            return new Reply(status, "{\"detail\":\"scripted " + status + "\"}", Map.of(), 0);
        }

        public static Reply tooManyRequests(int retryAfterSeconds) {
            return new Reply(429, "{\"detail\":\"throttled\"}", Map.of("Retry-After", Integer.toString(retryAfterSeconds)), 0);
        }

        public static Reply slow(long delayMillis) {
            return new Reply(200, "{\"count\":0,\"results\":[]}", Map.of(), delayMillis);
        }
    }

    private final HttpServer server;
    private final Map<String, Deque<Reply>> scripts = new ConcurrentHashMap<>();
    private final Map<String, List<Long>> arrivals = new ConcurrentHashMap<>();
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final List<String> rawQueries = new CopyOnWriteArrayList<>();

    public ScriptedSelaServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "scripted-sela");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void script(String externalId, Reply... replies) {
        scripts.put(externalId, new ArrayDeque<>(List.of(replies)));
    }

    public List<Long> arrivalsMillis(String externalId) {
        return new ArrayList<>(arrivals.getOrDefault(externalId, List.of()));
    }

    public List<String> rawQueries() {
        return rawQueries;
    }

    public List<String> authorizations() {
        return authorizations;
    }

    public static String page(String... leads) {
        return "{\"count\":" + leads.length + ",\"next\":null,\"previous\":null,\"results\":[" + String.join(",", leads) + "]}";
    }

    public static String lead(long id, String externalId, String extra) {
        return "{\"id\":" + id + ",\"external_id\":\"" + externalId + "\",\"phone_number\":\"+18042221111\",\"status\":\"OPEN\","
                + "\"call_dnc\":false,\"sms_dnc\":false,\"modified_time\":\"2025-02-28T15:09:03.139554-08:00\"" + extra + "}";
    }

    private void handle(HttpExchange exchange) throws IOException {
        String query = exchange.getRequestURI().getRawQuery();
        String key = "";
        if (query != null) {
            rawQueries.add(query);
            for (String pair : query.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && !pair.startsWith("page")) {
                    key = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                }
            }
        } else {
            key = exchange.getRequestURI().getPath();
        }
        arrivals.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(System.currentTimeMillis());
        authorizations.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
        Deque<Reply> script = scripts.get(key);
        Reply reply;
        synchronized (this) {
            reply = script == null ? Reply.ok(page()) : script.size() > 1 ? script.removeFirst() : script.peekFirst();
        }
        if (reply.delayMillis() > 0) {
            try {
                Thread.sleep(reply.delayMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
        try (exchange) {
            reply.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            exchange.sendResponseHeaders(reply.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (IOException ignored) {
            // the client gave up waiting
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
