package io.leadquality.sela;

import io.leadquality.config.JobConfig;
import io.leadquality.model.LeadEvent;
import io.leadquality.model.LookupOutcome;
import io.leadquality.testkit.LeadEvents;
import io.leadquality.testkit.ScriptedSelaServer;
import io.leadquality.testkit.TestConfigs;
import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.datastream.AsyncDataStream;
import org.apache.flink.streaming.api.operators.async.AsyncWaitOperatorFactory;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** SPEC section 7 and the webhooks issue: refreshes use only what the rate limit leaves; new leads go first. */
class LookupBudgetTest {
    @Test
    void aRefreshBacklogNeverPushesANewLeadsLookupBehindItself(@TempDir Path dir) throws Exception {
        try (ScriptedSelaServer server = new ScriptedSelaServer()) {
            JobConfig config = TestConfigs.with("sela.base-url", server.baseUrl(),
                    "sela.token-file", Files.writeString(dir.resolve("token"), "budget-token").toString(),
                    "sela.max-requests-per-second", "5", // one request per 200 ms
                    "sela.max-in-flight", "8"); // room for 2 refreshes waiting for a free permit
            SelaLookupFunction function = new SelaLookupFunction(config);
            try (OneInputStreamOperatorTestHarness<LeadEvent, LeadEvent> harness = new OneInputStreamOperatorTestHarness<>(
                    new AsyncWaitOperatorFactory<>(function, SelaLookupFunction.asyncTimeout(config).toMillis(), 50,
                            AsyncDataStream.OutputMode.UNORDERED),
                    TypeInformation.of(LeadEvent.class).createSerializer(new SerializerConfigImpl()))) {
                harness.open();
                List<String> refreshed = IntStream.range(0, 20).mapToObj(i -> "r-" + i).toList();
                for (String key : refreshed) {
                    LeadEvent refresh = LeadEvents.event(key);
                    refresh.refresh = true;
                    harness.processElement(refresh, 0);
                }
                harness.processElement(LeadEvents.event("new-lead"), 0);
                harness.endInput();

                List<LeadEvent> out = harness.extractOutputValues();
                assertThat(out).hasSize(21);
                long deferred = out.stream().filter(e -> e.refreshDeferred).count();
                assertThat(deferred).as("refreshes beyond a quarter of the in-flight room are handed back").isEqualTo(18);
                assertThat(out).filteredOn(e -> e.key.equals("new-lead")).singleElement()
                        .satisfies(e -> assertThat(e.lookup.outcome).isEqualTo(LookupOutcome.NOT_FOUND));
                long newLeadAt = server.arrivalsMillis("new-lead").get(0);
                long refreshesBefore = refreshed.stream().flatMap(k -> server.arrivalsMillis(k).stream())
                        .filter(at -> at <= newLeadAt).count();
                assertThat(refreshesBefore).as("the new lead went first").isZero();
                assertThat(refreshed.stream().mapToLong(k -> server.arrivalsMillis(k).size()).sum())
                        .as("the two waiting refreshes were sent with free permits").isEqualTo(2);
            }
        }
    }
}
