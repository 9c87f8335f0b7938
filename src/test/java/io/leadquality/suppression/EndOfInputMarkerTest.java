package io.leadquality.suppression;

import io.leadquality.model.SuppressionAction;
import io.leadquality.model.SuppressionUpdate;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class EndOfInputMarkerTest {

    @Test
    void passesRecordsThroughAndEmitsItsMarkersOnceTheInputEnds() throws Exception {
        try (OneInputStreamOperatorTestHarness<SuppressionUpdate, SuppressionUpdate> harness =
                     new OneInputStreamOperatorTestHarness<>(new EndOfInputMarker<>(() -> SuppressionList.loadedMarkers(4)))) {
            harness.open();
            SuppressionUpdate add = new SuppressionUpdate();
            add.action = SuppressionAction.ADD;
            harness.processElement(add, 0);
            assertThat(harness.extractOutputValues()).extracting(u -> u.action).containsExactly(SuppressionAction.ADD);

            harness.endInput();
            assertThat(harness.extractOutputValues()).extracting(u -> u.action).containsExactly(SuppressionAction.ADD,
                    SuppressionAction.LOADED, SuppressionAction.LOADED, SuppressionAction.LOADED, SuppressionAction.LOADED);
        }
    }

    @Test
    void theLoadedMarkersReachEveryKeyGroupSoEveryParallelInstanceWhateverTheParallelism() {
        int maxParallelism = KeyGroupRangeAssignment.computeDefaultMaxParallelism(3);
        List<SuppressionUpdate> markers = SuppressionList.loadedMarkers(maxParallelism);
        assertThat(markers).hasSize(maxParallelism).allSatisfy(m -> assertThat(m.action).isEqualTo(SuppressionAction.LOADED));
        assertThat(markers.stream().map(m -> KeyGroupRangeAssignment.assignToKeyGroup(m.identity, maxParallelism))
                .collect(Collectors.toSet())).hasSize(maxParallelism);
        for (int parallelism : new int[] {1, 2, 3, 7, maxParallelism}) {
            Set<Integer> instances = markers.stream().map(m -> KeyGroupRangeAssignment.assignKeyToParallelOperator(
                    m.identity, maxParallelism, parallelism)).collect(Collectors.toSet());
            assertThat(instances).as("parallelism %d", parallelism).hasSize(parallelism);
        }
    }
}
