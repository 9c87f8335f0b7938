package io.leadquality.demo;

import io.leadquality.webhooks.WebhookReceiver;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.leadquality.app.LeadQualityJob;
import io.leadquality.config.JobConfig;
import io.leadquality.config.RawConfig;
import io.leadquality.sim.SelaSimulator;
import io.leadquality.sql.OutputTables;
import io.leadquality.testkit.EmbeddedKafka;
import io.leadquality.testkit.JobSettings;
import io.leadquality.testkit.KafkaTestClient;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code jobs/demo}: an in-process Kafka broker and Sela simulator, the job on a local Flink at
 * parallelism 2, sample leads from every provider plus broken records, Sela changes while it runs, a
 * suppression list before and while it runs, alerts and status changes printed as they are committed,
 * then a summary.
 */
public final class Demo {
    private static final Path SAMPLES = Path.of("samples");
    private static final long ROUND_TIMEOUT_MS = 60_000;

    private Demo() {}

    public static void main(String[] args) throws Exception {
        long started = System.currentTimeMillis();
        Path work = Files.createTempDirectory("lead-quality-demo");
        String token = UUID.randomUUID().toString();
        boolean ok;
        try (EmbeddedKafka kafka = EmbeddedKafka.start();
             SelaSimulator sela = new SelaSimulator(0, token).start()) {
            sela.loadLeads(SAMPLES.resolve("sela-leads.json"));
            JobConfig config = demoConfig(kafka, sela, Files.writeString(work.resolve("sela-token"), token));
            kafka.createTopics(2, config.inputTopics.keySet().iterator().next(), config.topicEnriched, config.topicAlerts,
                    config.topicStatusChanges, config.topicDeadLetter, config.topicRefreshRequests, config.topicSelaWebhooks);
            kafka.createCompactedTopic(2, config.topicSuppressions);
            kafka.createCompactedTopic(2, config.topicSourceQuality);
            System.out.println("Kafka broker on " + kafka.bootstrapServers() + ", Sela simulator on " + sela.baseUrl()
                    + " with " + sela.apiRequests() + " requests so far");
            KafkaTestClient producer = new KafkaTestClient(config.bootstrapServers);
            System.out.println("The suppression list before the job starts (the job reads it whole before judging any lead):");
            suppress(producer, config, Files.readAllLines(SAMPLES.resolve("suppressions.jsonl")));

            JobClient job = startJob(config);
            try (DemoConsole console = new DemoConsole(config)) {
                console.start();
                String input = config.inputTopics.keySet().iterator().next();

                System.out.println("\nRound 1: leads from Sela payloads, Instantly and PollyBot, and some broken records");
                long inputs = feed(producer, input, "round1-sela.jsonl", "round1-instantly.jsonl", "round1-pollybot.jsonl",
                        "round1-broken.txt");
                boolean round1 = awaitOutputs(console, inputs);

                System.out.println("\nSela changes leads while the job runs:");
                for (JsonNode change : new ObjectMapper().readTree(SAMPLES.resolve("round2-sela-changes.json").toFile())) {
                    sela.upsert((ObjectNode) change);
                    System.out.println("  " + change);
                }
                Thread.sleep(config.selaCacheTtl.toMillis()); // let the cached lookups expire
                System.out.println("\nRound 2: providers re-send some of those leads");
                inputs += feed(producer, input, "round2-sela.jsonl", "round2-instantly.jsonl");
                boolean round2 = awaitOutputs(console, inputs);

                System.out.println("\nNo new events: Sela marks crm-1006 do-not-call after a call. The job's refresh "
                        + "(every " + config.selaRefreshInterval.toSeconds() + " s here) finds it by itself:");
                long alertsBefore = console.alerts();
                sela.upsert((ObjectNode) new ObjectMapper().readTree(
                        "{\"external_id\":\"crm-1006\",\"call_dnc\":true,\"status_detail\":\"has_call_dnc\"}"));
                boolean refreshed = awaitAlerts(console, alertsBefore + 1);

                System.out.println("\nNo new events: compliance puts crm-1005's phone on the suppression list. Every lead "
                        + "in state with that phone is flagged at once:");
                alertsBefore = console.alerts();
                suppress(producer, config, List.of(
                        "{\"phone_number\": \"703-555-0100\", \"action\": \"ADD\", \"reason\": \"customer asked by email\"}"));
                boolean suppressed = awaitAlerts(console, alertsBefore + 1);

                System.out.println("\nRound 3: PollyBot sends a lead of its own with crm-1001's phone, under another id:");
                inputs += feed(producer, input, "round3-pollybot.jsonl");
                boolean round3 = awaitOutputs(console, inputs);

                System.out.println("\nNo lookup at all: crm-1001 is closed, so the job no longer polls it. Sela marks it "
                        + "do-not-call and pushes its CALL_DNC webhook to jobs/sela-webhooks. The mark is the phone's: "
                        + "PollyBot's lead with that phone is flagged too, naming crm-1001:");
                boolean pushed = pushWebhook(config, sela, console);

                System.out.println("\nRound 4: the calling rules (" + config.callingRules.version() + " of "
                        + "conf/calling-rules.yaml). Sela has scheduled crm-1021 on a Sunday at 10:00 in Texas (calls "
                        + "from noon), crm-1022 on Christmas Day in Alabama (no calls), and crm-1023 in Florida:");
                alertsBefore = console.alerts();
                inputs += feed(producer, input, "round4-sela.jsonl");
                boolean calendar = awaitOutputs(console, inputs) && awaitAlerts(console, alertsBefore + 2);
                console.printNextAllowed("crm-1021", "crm-1022", "crm-1023");
                System.out.println("\nSela calls crm-1023 three times (CALL_COMPLETE webhooks, the second delivered twice);"
                        + " Florida allows three calls per 24 hours:");
                boolean capped = callThreeTimes(config, sela, console);

                console.printSummary(inputs);
                System.out.printf("  Sela API requests: %d%n", sela.apiRequests());
                boolean quality = awaitQualityWindows(console);
                console.printQualityTable();
                ok = round1 && round2 && refreshed && suppressed && round3 && pushed && calendar && capped && quality;
            } finally {
                JobSettings.cancelAndWait(job);
            }
            answerWithSql(config);
        }
        System.out.printf("%nDemo %s in %d s.%n", ok ? "finished" : "FAILED: outputs missing",
                (System.currentTimeMillis() - started) / 1000);
        if (ok) {
            System.out.println("To run it against topics you can watch: jobs/kafka-local, then jobs/run-local, and"
                    + " jobs/topic send leads.incoming FILE / jobs/topic tail leads.alerts (see the README).");
        }
        System.exit(ok ? 0 : 1);
    }

    private static JobConfig demoConfig(EmbeddedKafka kafka, SelaSimulator sela, Path tokenFile) {
        Map<String, String> raw = RawConfig.readYaml(Path.of(RawConfig.DEFAULT_FILE));
        raw.put("kafka.bootstrap-servers", kafka.bootstrapServers());
        raw.put("kafka.group-id", "lead-quality-demo");
        raw.put("kafka.transactional-id-prefix", "lead-quality-demo");
        raw.put("sela.base-url", sela.baseUrl());
        raw.put("sela.token-file", tokenFile.toString());
        raw.put("sela.cache-ttl", "3s");
        raw.put("sela.refresh-interval", "4s");
        raw.put("checkpoint.interval", "1s");
        raw.put("parallelism", "2");
        raw.put("territory.12", "CA,NV,AZ");
        raw.put("territory.34", "VA,NC,MD");
        raw.put("analytics.window", "10s"); // short windows, so the last closes soon after the input goes quiet
        return JobConfig.from(raw);
    }

    private static JobClient startJob(JobConfig config) throws Exception {
        Configuration flink = new Configuration();
        flink.set(TaskManagerOptions.NUM_TASK_SLOTS, config.parallelism);
        flink.set(PipelineOptions.GENERIC_TYPES, false);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(config.parallelism, flink);
        LeadQualityJob.build(env, config);
        JobClient job = env.executeAsync("lead-quality-demo");
        System.out.println("Job " + job.getJobID() + " running at parallelism " + config.parallelism
                + ", exactly-once outputs committed every " + config.checkpointInterval.toSeconds() + " s");
        return job;
    }

    private static long feed(KafkaTestClient producer, String topic, String... files) throws IOException {
        List<String> records = new ArrayList<>();
        for (String file : files) {
            Files.readAllLines(SAMPLES.resolve(file)).stream().filter(l -> !l.isBlank()).forEach(records::add);
        }
        producer.produceText(topic, records);
        System.out.println("  produced " + records.size() + " records to " + topic);
        return records.size();
    }

    /** Writes suppression-list entries keyed by their phone or email, as a compacted topic needs. */
    private static void suppress(KafkaTestClient producer, JobConfig config, List<String> entries) throws IOException {
        List<Map.Entry<String, String>> keyed = new ArrayList<>();
        for (String entry : entries) {
            if (!entry.isBlank()) {
                JsonNode json = new ObjectMapper().readTree(entry);
                keyed.add(Map.entry(json.has("email") ? json.get("email").asText() : json.get("phone_number").asText(), entry));
                System.out.println("  " + entry);
            }
        }
        producer.produceKeyed(config.topicSuppressions, keyed);
    }

    /**
     * Runs the receiver in-process, as jobs/sela-webhooks does, and sends it Sela's webhook for a lead
     * marked do-not-call: two alerts, the lead's and the one of the other lead with its phone.
     */
    private static boolean pushWebhook(JobConfig config, SelaSimulator sela, DemoConsole console) throws Exception {
        String secret = UUID.randomUUID().toString();
        JobConfig receiverConfig = config.with(Map.of("webhooks.port", "0"));
        try (WebhookReceiver receiver = new WebhookReceiver(receiverConfig, secret).start()) {
            ObjectNode lead = sela.upsert((ObjectNode) new ObjectMapper().readTree(
                    "{\"external_id\":\"crm-1001\",\"call_dnc\":true}"));
            long requestsBefore = requestsFor(sela, "crm-1001");
            long alertsBefore = console.alerts();
            HttpResponse<Void> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + receiver.port() + "/sela/CALL_DNC?key=" + secret))
                    .POST(HttpRequest.BodyPublishers.ofString(lead.toString())).build(), HttpResponse.BodyHandlers.discarding());
            System.out.println("  POST /sela/CALL_DNC?key=... -> " + answer.statusCode() + " (written to " + config.topicSelaWebhooks + ")");
            boolean alerted = awaitAlerts(console, alertsBefore + 2);
            System.out.printf("  Sela API requests for crm-1001 meanwhile: %d%n", requestsFor(sela, "crm-1001") - requestsBefore);
            return alerted && answer.statusCode() == 200;
        }
    }

    /** Three calls to crm-1023's phone, as Sela's CALL_COMPLETE webhooks report them: its cap is raised. */
    private static boolean callThreeTimes(JobConfig config, SelaSimulator sela, DemoConsole console) throws Exception {
        String secret = UUID.randomUUID().toString();
        try (WebhookReceiver receiver = new WebhookReceiver(config.with(Map.of("webhooks.port", "0")), secret).start()) {
            long alertsBefore = console.alerts();
            boolean accepted = true;
            for (int calls = 1; calls <= 3; calls++) {
                ObjectNode lead = sela.upsert((ObjectNode) new ObjectMapper().readTree(
                        "{\"external_id\":\"crm-1023\",\"call_count\":" + calls + "}"));
                for (int delivery = 0; delivery < (calls == 2 ? 2 : 1); delivery++) {
                    HttpResponse<Void> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                                    URI.create("http://127.0.0.1:" + receiver.port() + "/sela/CALL_COMPLETE?key=" + secret))
                            .POST(HttpRequest.BodyPublishers.ofString(lead.toString())).build(),
                            HttpResponse.BodyHandlers.discarding());
                    System.out.println("  POST /sela/CALL_COMPLETE?key=... call_count=" + calls + " -> " + answer.statusCode());
                    accepted &= answer.statusCode() == 200;
                }
            }
            boolean alerted = awaitAlerts(console, alertsBefore + 1);
            return accepted && alerted && console.alertsFor("crm-1023", "CALL_FREQUENCY_CAP") == 1;
        }
    }

    private static long requestsFor(SelaSimulator sela, String externalId) {
        return sela.recentRequestUris().stream().filter(uri -> uri.contains("external_id=" + externalId + "&")
                || uri.endsWith("external_id=" + externalId)).count();
    }

    /**
     * Waits until the source-quality windows count every enriched record, or nothing has changed for 40 s
     * (the last window closes once the input has been quiet for half a minute). Records whose event_time
     * was older than the allowed lateness when they arrived are counted by the job's metric, not the feed.
     */
    private static boolean awaitQualityWindows(DemoConsole console) throws InterruptedException {
        System.out.println("\nWaiting for the last source-quality windows to close (the input is quiet now)...");
        long counted = -1;
        long changedAt = System.currentTimeMillis();
        while (console.eventsInQualityWindows() < console.enrichedRecords()
                && System.currentTimeMillis() - changedAt < 40_000) {
            if (console.eventsInQualityWindows() != counted) {
                counted = console.eventsInQualityWindows();
                changedAt = System.currentTimeMillis();
            }
            Thread.sleep(200);
        }
        long missing = console.enrichedRecords() - console.eventsInQualityWindows();
        if (missing > 0) {
            System.out.println("  " + missing + " of " + console.enrichedRecords() + " enriched records carried an event_time"
                    + " older than analytics.allowed-lateness when they arrived (a provider's timestamp from November): not in"
                    + " the feed, counted in the metric sourceQuality.eventsTooLate");
        }
        return console.eventsInQualityWindows() > 0;
    }

    /** Flink SQL over the output topics as the job left them (conf/sql/, what jobs/sql runs). */
    private static void answerWithSql(JobConfig config) {
        System.out.println("\nFlink SQL over the output topics (conf/sql/tables.sql; jobs/sql runs these on yours):");
        Path dir = Path.of("conf", "sql");
        OutputTables sql = OutputTables.snapshot(config, dir);
        for (String query : List.of("flag-rate-per-source", "status-funnel", "alerts-per-flag")) {
            System.out.println("\n== conf/sql/queries/" + query + ".sql ==");
            sql.run(OutputTables.query(dir, query)).print();
        }
    }

    private static boolean awaitAlerts(DemoConsole console, long alerts) throws InterruptedException {
        long deadline = System.currentTimeMillis() + ROUND_TIMEOUT_MS;
        while (console.alerts() < alerts && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        Thread.sleep(1500);
        return console.alerts() >= alerts;
    }

    private static boolean awaitOutputs(DemoConsole console, long inputs) throws InterruptedException {
        long deadline = System.currentTimeMillis() + ROUND_TIMEOUT_MS;
        while (console.outputsForInputs() < inputs && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        Thread.sleep(1500); // alerts and status changes of the last checkpoint
        return console.outputsForInputs() >= inputs;
    }
}
