package io.leadquality.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.TreeMap;

/**
 * A Sela API simulator on a real HTTP server: {@code GET /api/leads/} (filters external_id,
 * phone_number, email; page, page_size) and {@code GET /api/leads/{id}/}, token auth, set latency
 * and faults. An admin API under {@code /_admin/} changes leads and faults while it runs and reports
 * what it was asked.
 */
public final class SelaSimulator implements AutoCloseable {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern LEAD_PATH = Pattern.compile("/api/leads/(\\d+)/?");
    private static final int RECENT_REQUESTS = 10_000;

    private final HttpServer server;
    private final ExecutorService workers;
    private final ScheduledExecutorService delayer;
    private final String expectedAuthorization;
    private final LeadStore store = new LeadStore();
    private volatile SimulatorFaults faults = SimulatorFaults.NONE;
    private volatile boolean syntheticLeads;

    private final AtomicLong apiRequests = new AtomicLong();
    private final AtomicLong inFlight = new AtomicLong();
    private final Map<Integer, AtomicLong> byStatus = new ConcurrentHashMap<>();
    private final Map<Long, AtomicLong> perSecond = new ConcurrentHashMap<>();
    private final Deque<String> recentRequests = new ArrayDeque<>();

    static {
        // The JDK server writes headers and body apart; with Nagle on, the body waits for the
        // client's delayed ACK (40 ms on Linux), which would add to every configured latency.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    public SelaSimulator(int port, String token) throws IOException {
        this.expectedAuthorization = "Token " + token;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 512);
        this.workers = Executors.newFixedThreadPool(16, daemon("sela-sim-http"));
        this.delayer = Executors.newScheduledThreadPool(2, daemon("sela-sim-latency"));
        server.setExecutor(workers);
        server.createContext("/api/leads/", this::handleApi);
        server.createContext("/_admin/", this::handleAdmin);
    }

    public SelaSimulator start() {
        server.start();
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port();
    }

    /** When on, a lookup by an external_id the simulator does not hold answers with a made-up lead (load tests). */
    public void answerUnknownWithSyntheticLeads(boolean on) {
        this.syntheticLeads = on;
    }

    /** The phone of the made-up lead a lookup of {@code externalId} answers with (see {@link #answerUnknownWithSyntheticLeads}). */
    public static String syntheticPhone(String externalId) {
        return LeadStore.syntheticPhone(externalId);
    }

    public SimulatorFaults faults() {
        return faults;
    }

    public void setFaults(SimulatorFaults newFaults) {
        this.faults = newFaults;
    }

    /** Creates or updates a lead (see {@link LeadStore#upsert}); returns the lead as stored. */
    public ObjectNode upsert(ObjectNode lead) {
        return store.upsert(lead);
    }

    public ObjectNode upsert(String json) {
        try {
            return upsert((ObjectNode) MAPPER.readTree(json));
        } catch (IOException | ClassCastException e) {
            throw new IllegalArgumentException("not a JSON object: " + e.getMessage());
        }
    }

    public void loadLeads(Path file) throws IOException {
        JsonNode root = MAPPER.readTree(file.toFile());
        if (!root.isArray()) {
            throw new IOException(file + " must hold a JSON array of Sela leads");
        }
        root.forEach(lead -> upsert((ObjectNode) lead));
    }

    public long apiRequests() {
        return apiRequests.get();
    }

    /** API requests received and not yet answered. */
    public long inFlight() {
        return inFlight.get();
    }

    public long requestsWithStatus(int status) {
        AtomicLong count = byStatus.get(status);
        return count == null ? 0 : count.get();
    }

    /** API requests per wall-clock second (epoch second -> count). */
    public Map<Long, Long> requestsPerSecond() {
        Map<Long, Long> out = new TreeMap<>();
        perSecond.forEach((second, count) -> out.put(second, count.get()));
        return out;
    }

    /** The raw request URIs (path and encoded query) most recently received. */
    public synchronized List<String> recentRequestUris() {
        return new ArrayList<>(recentRequests);
    }

    public synchronized void resetStats() {
        apiRequests.set(0);
        byStatus.clear();
        perSecond.clear();
        recentRequests.clear();
    }

    private void handleApi(HttpExchange exchange) throws IOException {
        apiRequests.incrementAndGet();
        inFlight.incrementAndGet();
        perSecond.computeIfAbsent(System.currentTimeMillis() / 1000, s -> new AtomicLong()).incrementAndGet();
        remember(exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()));
        SimulatorFaults f = faults;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        if (f.down() || random.nextDouble() < f.resetRate()) {
            count(0);
            inFlight.decrementAndGet();
            exchange.close(); // the client sees the connection drop
            return;
        }
        Response response;
        if (!expectedAuthorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            response = Response.json(401, "{\"detail\":\"Invalid token.\"}");
        } else if (!"GET".equals(exchange.getRequestMethod())) {
            response = Response.json(405, "{\"detail\":\"Method not allowed.\"}");
        } else if (random.nextDouble() < f.tooManyRequestsRate()) {
            response = Response.json(429, "{\"detail\":\"Request was throttled.\"}");
            response.headers.put("Retry-After", Long.toString(f.retryAfterSeconds()));
        } else if (random.nextDouble() < f.errorRate()) {
            response = Response.json(503, "{\"detail\":\"Service unavailable.\"}");
        } else {
            response = answer(exchange);
        }
        long delay = f.latencyMillis() + (random.nextDouble() < f.slowRate() ? f.slowMillis() : 0);
        count(response.status);
        if (delay <= 0) {
            reply(exchange, response);
        } else {
            delayer.schedule(() -> reply(exchange, response), delay, TimeUnit.MILLISECONDS);
        }
    }

    private void reply(HttpExchange exchange, Response response) {
        send(exchange, response);
        inFlight.decrementAndGet();
    }

    private Response answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Matcher byId = LEAD_PATH.matcher(path);
        if (byId.matches()) {
            ObjectNode lead = store.get(Long.parseLong(byId.group(1)));
            return lead == null ? Response.json(404, "{\"detail\":\"Not found.\"}") : Response.json(200, lead.toString());
        }
        if (!path.equals("/api/leads/") && !path.equals("/api/leads")) {
            return Response.json(404, "{\"detail\":\"Not found.\"}");
        }
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        List<ObjectNode> leads = store.find(query.get("external_id"), query.get("phone_number"), query.get("email"));
        if (leads.isEmpty() && syntheticLeads && query.get("external_id") != null) {
            leads = List.of(store.synthetic(query.get("external_id")));
        }
        int pageSize = Math.max(1, Math.min(1000, intOr(query.get("page_size"), 100)));
        int page = Math.max(1, intOr(query.get("page"), 1));
        ObjectNode body = MAPPER.createObjectNode();
        body.put("count", leads.size());
        int from = Math.min(leads.size(), (page - 1) * pageSize);
        int to = Math.min(leads.size(), from + pageSize);
        body.put("next", to < leads.size() ? baseUrl() + "/api/leads/?page=" + (page + 1) : null);
        body.put("previous", page > 1 ? baseUrl() + "/api/leads/?page=" + (page - 1) : null);
        ArrayNode results = body.putArray("results");
        leads.subList(from, to).forEach(results::add);
        return Response.json(200, body.toString());
    }

    private void handleAdmin(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String method = exchange.getRequestMethod();
        try {
            if (path.equals("/_admin/leads") && ("PUT".equals(method) || "POST".equals(method))) {
                send(exchange, Response.json(200, upsert(body(exchange)).toString()));
            } else if (path.equals("/_admin/faults") && "POST".equals(method)) {
                setFaults(MAPPER.treeToValue(MAPPER.readTree(body(exchange)), SimulatorFaults.class));
                send(exchange, Response.json(200, MAPPER.writeValueAsString(faults)));
            } else if (path.equals("/_admin/faults") && "GET".equals(method)) {
                send(exchange, Response.json(200, MAPPER.writeValueAsString(faults)));
            } else if (path.equals("/_admin/stats") && "GET".equals(method)) {
                ObjectNode stats = MAPPER.createObjectNode();
                stats.put("api_requests", apiRequests());
                stats.put("leads", store.size());
                ObjectNode statuses = stats.putObject("by_status");
                byStatus.forEach((status, count) -> statuses.put(status == 0 ? "reset" : status.toString(), count.get()));
                send(exchange, Response.json(200, stats.toString()));
            } else if (path.equals("/_admin/stats/reset") && "POST".equals(method)) {
                resetStats();
                send(exchange, Response.json(200, "{}"));
            } else {
                send(exchange, Response.json(404, "{\"detail\":\"Unknown admin endpoint.\"}"));
            }
        } catch (IllegalArgumentException | IOException e) {
            send(exchange, Response.json(400, MAPPER.createObjectNode().put("detail", String.valueOf(e.getMessage())).toString()));
        }
    }

    private static String body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private synchronized void remember(String uri) {
        if (recentRequests.size() == RECENT_REQUESTS) {
            recentRequests.removeFirst();
        }
        recentRequests.addLast(uri);
    }

    private void count(int status) {
        byStatus.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
    }

    private static void send(HttpExchange exchange, Response response) {
        try (exchange) {
            byte[] body = response.body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            response.headers.forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            exchange.sendResponseHeaders(response.status, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (IOException ignored) {
            // the client went away; nothing to tell it
        }
    }

    static Map<String, String> query(String rawQuery) {
        Map<String, String> out = new LinkedHashMap<>();
        if (rawQuery == null) {
            return out;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            out.put(name, value);
        }
        return out;
    }

    private static int intOr(String value, int fallback) {
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicLong n = new AtomicLong();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        server.stop(0);
        delayer.shutdownNow();
        workers.shutdownNow();
    }

    private static final class Response {
        final int status;
        final String body;
        final Map<String, String> headers = new LinkedHashMap<>();

        private Response(int status, String body) {
            this.status = status;
            this.body = body;
        }

        static Response json(int status, String body) {
            return new Response(status, body);
        }
    }
}
