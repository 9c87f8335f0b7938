package io.leadquality.ingest;

import io.leadquality.model.DeadLetterCode;
import io.leadquality.model.RawRecord;
import io.leadquality.testkit.HostileInputs;
import io.leadquality.testkit.HostileInputs.Input;
import io.leadquality.testkit.HostileInputs.Kind;
import io.leadquality.testkit.TestConfigs;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/** The parser answers every hostile input with a lead or a dead-letter reason, never anything else. */
class LeadParserFuzzTest {
    private final LeadParser parser = new LeadParser(TestConfigs.with());

    @Test
    void everyMutationBecomesALeadOrADeadLetter() {
        Map<Kind, Map<String, Integer>> outcomes = new EnumMap<>(Kind.class);
        int i = 0;
        for (Input input : new HostileInputs(20261122L).corpus(30_000, 3)) {
            String outcome;
            try {
                parser.parse(new RawRecord("leads", 0, i++, 0, input.bytes()));
                outcome = "LEAD";
            } catch (InvalidLeadException e) {
                outcome = e.code().name();
                assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
            } catch (RuntimeException e) {
                fail("input of kind " + input.kind() + " escaped as " + e, e);
                return;
            }
            outcomes.computeIfAbsent(input.kind(), k -> new java.util.TreeMap<>()).merge(outcome, 1, Integer::sum);
        }
        assertThat(outcomes.get(Kind.VALID)).containsOnlyKeys("LEAD");
        assertThat(outcomes.get(Kind.INVALID_UTF8)).containsOnlyKeys(DeadLetterCode.MALFORMED_JSON.name());
        assertThat(outcomes.get(Kind.DUPLICATE_KEY)).containsOnlyKeys(DeadLetterCode.MALFORMED_JSON.name());
        assertThat(outcomes.get(Kind.OVERSIZE)).containsOnlyKeys(DeadLetterCode.TOO_LARGE.name());
        assertThat(outcomes.get(Kind.RANDOM_BYTES)).doesNotContainKey("LEAD");
        assertThat(outcomes.get(Kind.TRUNCATED)).containsKey(DeadLetterCode.MALFORMED_JSON.name());
        assertThat(outcomes.get(Kind.DEEP_NESTING)).containsKey(DeadLetterCode.MALFORMED_JSON.name());
        assertThat(outcomes.get(Kind.WRONG_TYPE)).containsKey(DeadLetterCode.INVALID_FIELD.name());
        // Without its identity a record no longer reads as any format.
        assertThat(outcomes.get(Kind.DROPPED_FIELDS)).containsOnlyKeys("LEAD", DeadLetterCode.UNKNOWN_FORMAT.name());
    }
}
