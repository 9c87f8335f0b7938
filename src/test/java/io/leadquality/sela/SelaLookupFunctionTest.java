package io.leadquality.sela;

import io.leadquality.config.JobConfig;
import io.leadquality.model.LeadEvent;
import io.leadquality.model.LookupOutcome;
import io.leadquality.testkit.LeadEvents;
import io.leadquality.testkit.ScriptedSelaServer;
import io.leadquality.testkit.ScriptedSelaServer.Reply;
import io.leadquality.testkit.TestConfigs;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.execution.SuppressRestartsException;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.operators.async.AsyncWaitOperatorFactory;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static io.leadquality.testkit.ScriptedSelaServer.lead;
import static io.leadquality.testkit.ScriptedSelaServer.page;
import static org.assertj.core.api.Assertions.assertThat;

/** The async lookup through Flink's AsyncWaitOperator against a real local HTTP server. */
class SelaLookupFunctionTest {
    private static final String TOKEN = "harness-token-93";

    private ScriptedSelaServer server;
    private OneInputStreamOperatorTestHarness<LeadEvent, LeadEvent> harness;

    @BeforeEach
    void start(@TempDir Path dir) throws Exception {
        server = new ScriptedSelaServer();
        JobConfig config = TestConfigs.with("sela.base-url", server.baseUrl(),
                "sela.token-file", Files.writeString(dir.resolve("token"), TOKEN).toString(),
                "sela.timeout", "400ms", "sela.max-retries", "2", "sela.retry-backoff", "50ms",
                "sela.retry-max-backoff", "200ms", "sela.max-requests-per-second", "1000");
        SelaLookupFunction function = new SelaLookupFunction(config);
        harness = new OneInputStreamOperatorTestHarness<>(
                new AsyncWaitOperatorFactory<>(function, SelaLookupFunction.asyncTimeout(config).toMillis(), 10,
                        AsyncDataStream.OutputMode.UNORDERED),
                TypeInformation.of(LeadEvent.class).createSerializer(new SerializerConfigImpl()));
        harness.open();
    }

    @AfterEach
    void stop() throws Exception {
        harness.close();
        server.close();
    }

    @Test
    void answersFoundNotFoundAndFailedWithoutEverFailingTheJob() throws Exception {
        server.script("ok", Reply.ok(page(lead(1, "ok", ""))));
        server.script("empty", Reply.ok(page()));
        server.script("gone", Reply.status(404));
        server.script("throttled", Reply.tooManyRequests(1), Reply.ok(page(lead(2, "throttled", ""))));
        server.script("flaky", Reply.status(500), Reply.status(502), Reply.ok(page(lead(3, "flaky", ""))));
        server.script("broken", Reply.status(500));
        server.script("slow", Reply.slow(1500));
        server.script("bad-request", Reply.status(400));
        server.script("dup", Reply.ok(page(lead(4, "dup", ""), lead(5, "dup", ",\"modified_time\":\"2026-01-01T00:00:00Z\""))));

        for (String id : List.of("ok", "empty", "gone", "throttled", "flaky", "broken", "slow", "bad-request", "dup")) {
            harness.processElement(LeadEvents.event(id), 0);
        }
        harness.endInput();

        Map<String, LeadEvent> out = harness.extractOutputValues().stream()
                .collect(Collectors.toMap(e -> e.key, Function.identity()));
        assertThat(out).hasSize(9);
        assertThat(out.get("ok").lookup.outcome).isEqualTo(LookupOutcome.FOUND);
        assertThat(out.get("ok").lookup.lead.id).isEqualTo(1L);
        assertThat(out.get("empty").lookup.outcome).isEqualTo(LookupOutcome.NOT_FOUND);
        assertThat(out.get("gone").lookup.outcome).isEqualTo(LookupOutcome.NOT_FOUND);
        assertThat(out.get("dup").lookup.matches).isEqualTo(2);
        assertThat(out.get("dup").lookup.lead.id).isEqualTo(5L);

        assertThat(out.get("throttled").lookup.outcome).isEqualTo(LookupOutcome.FOUND);
        List<Long> throttled = server.arrivalsMillis("throttled");
        assertThat(throttled).hasSize(2);
        assertThat(throttled.get(1) - throttled.get(0)).as("Retry-After: 1 honoured").isGreaterThanOrEqualTo(950);

        assertThat(out.get("flaky").lookup.outcome).isEqualTo(LookupOutcome.FOUND);
        assertThat(out.get("flaky").lookup.attempts).isEqualTo(3);

        assertThat(out.get("broken").lookup.outcome).isEqualTo(LookupOutcome.FAILED);
        assertThat(out.get("broken").lookup.failure).contains("HTTP 500");
        assertThat(server.arrivalsMillis("broken")).hasSize(3); // 1 + max-retries

        assertThat(out.get("slow").lookup.outcome).isEqualTo(LookupOutcome.FAILED);
        assertThat(out.get("slow").lookup.failure).contains("no answer within sela.timeout");
        assertThat(out.get("slow").lookup.attempts).isEqualTo(3);

        assertThat(out.get("bad-request").lookup.outcome).isEqualTo(LookupOutcome.FAILED);
        assertThat(server.arrivalsMillis("bad-request")).as("no retry on other 4xx").hasSize(1);

        assertThat(server.authorizations()).allMatch(("Token " + TOKEN)::equals);
    }

    @Test
    void idlessEventsAreMatchedByPhoneThenEmailAndKeyedByTheMatch() throws Exception {
        server.script("+18042221111", Reply.ok(page()));
        server.script("ada@example.com", Reply.ok(page(lead(9, "crm-9", ""))));
        LeadEvent event = LeadEvents.event("ignored");
        event.externalId = null;
        event.key = null;
        event.email = "ada@example.com";
        harness.processElement(event, 0);
        harness.endInput();
        LeadEvent out = harness.extractOutputValues().get(0);
        assertThat(out.lookup.outcome).isEqualTo(LookupOutcome.FOUND);
        assertThat(out.lookup.attempts).isEqualTo(2);
        assertThat(out.lookup.query).isEqualTo("phone_number=+18042221111, then email=ada@example.com");
        assertThat(out.key).isEqualTo("crm-9");
    }

    @Test
    void aLeadFetchedByIdThatCarriesAnotherExternalIdIsNotTheEventsLead() throws Exception {
        server.script("/api/leads/900/", Reply.ok(lead(900, "someone-else", "")));
        server.script("moved", Reply.ok(page(lead(901, "moved", ",\"call_dnc\":true"))));
        server.script("/api/leads/902/", Reply.ok(lead(902, "same", "")));
        LeadEvent moved = LeadEvents.event("moved");
        moved.selaId = 900L;
        LeadEvent same = LeadEvents.event("same");
        same.selaId = 902L;
        harness.processElement(moved, 0);
        harness.processElement(same, 0);
        harness.endInput();
        Map<String, LeadEvent> out = harness.extractOutputValues().stream()
                .collect(Collectors.toMap(e -> e.key, Function.identity()));
        assertThat(out.get("moved").lookup.lead.id).isEqualTo(901L);
        assertThat(out.get("moved").lookup.lead.callDnc).isTrue();
        assertThat(out.get("moved").lookup.query).isEqualTo("id=900 (another lead's), then external_id=moved");
        assertThat(out.get("moved").lookup.attempts).isEqualTo(2);
        assertThat(out.get("same").lookup.lead.id).isEqualTo(902L);
        assertThat(server.arrivalsMillis("same")).as("the id's lead is the event's: no second request").isEmpty();
    }

    @Test
    void eventsWithoutExternalIdAreStampedInTheOrderTheyAreLookedUp() throws Exception {
        LeadEvent first = LeadEvents.event("ignored");
        first.externalId = null;
        LeadEvent second = LeadEvents.event("ignored");
        second.externalId = null;
        second.phoneNumber = "+12025550123";
        harness.processElement(first, 0);
        harness.processElement(second, 0);
        harness.endInput();
        assertThat(first.seq).isPositive().isEqualTo(first.lookupSeq);
        assertThat(second.seq).isGreaterThan(first.seq).isEqualTo(second.lookupSeq);
    }

    @Test
    void queryValuesReachSelaExactlyAsSentUrlEncoded() throws Exception {
        String hostile = "a&b=c #frag/../%41 é+x";
        server.script(hostile, Reply.ok(page(lead(11, "hostile", ""))));
        harness.processElement(LeadEvents.event(hostile), 0);
        harness.endInput();
        assertThat(harness.extractOutputValues()).singleElement()
                .satisfies(e -> assertThat(e.lookup.outcome).isEqualTo(LookupOutcome.FOUND));
        assertThat(server.arrivalsMillis(hostile)).hasSize(1);
        assertThat(server.rawQueries()).singleElement().satisfies(q -> {
            assertThat(q).startsWith("external_id=a%26b%3Dc%20%23frag%2F..%2F%2541%20%C3%A9%2Bx");
            assertThat(q).doesNotContain(" ").doesNotContain("#");
        });
    }

    @Test
    void aRefusedTokenStopsTheJobWithoutRestarts() throws Exception {
        server.script("denied", Reply.status(401));
        harness.getEnvironment().setExpectedExternalFailureCause(Throwable.class);
        harness.processElement(LeadEvents.event("denied"), 0);
        // The operator fails its task; on a cluster the task is then cancelled, so wait for the failure, not for drain.
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        while (harness.getEnvironment().getActualExternalFailureCause().isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Throwable failure = harness.getEnvironment().getActualExternalFailureCause().orElseThrow();
        assertThat(failure).hasCauseInstanceOf(SuppressRestartsException.class);
        assertThat(failure).rootCause().isInstanceOf(SelaAuthException.class)
                .hasMessageContaining("Sela refused the API token (HTTP 401");
        assertThat(failure.toString()).doesNotContain(TOKEN);
        assertThat(harness.extractOutputValues()).isEmpty();
    }
}
