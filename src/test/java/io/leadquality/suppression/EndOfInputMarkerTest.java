package io.leadquality.suppression;

import io.leadquality.model.SuppressionAction;
import io.leadquality.model.SuppressionUpdate;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EndOfInputMarkerTest {

    @Test
    void passesRecordsThroughAndEmitsTheMarkerOnceTheInputEnds() throws Exception {
        try (OneInputStreamOperatorTestHarness<SuppressionUpdate, SuppressionUpdate> harness =
                     new OneInputStreamOperatorTestHarness<>(new EndOfInputMarker<>(SuppressionUpdate::loaded))) {
            harness.open();
            SuppressionUpdate add = new SuppressionUpdate();
            add.action = SuppressionAction.ADD;
            harness.processElement(add, 0);
            assertThat(harness.extractOutputValues()).extracting(u -> u.action).containsExactly(SuppressionAction.ADD);

            harness.endInput();
            assertThat(harness.extractOutputValues()).extracting(u -> u.action)
                    .containsExactly(SuppressionAction.ADD, SuppressionAction.LOADED);
        }
    }
}
