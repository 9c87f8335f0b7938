package io.leadquality.join;

import io.leadquality.model.SelaLead;
import org.junit.jupiter.api.Test;

import static io.leadquality.testkit.LeadEvents.sela;
import static org.assertj.core.api.Assertions.assertThat;

class SnapshotOrderTest {
    private static final long T = 1_740_000_000_000_000L;

    @Test
    void modifiedTimeDecidesWhenBothHaveOne() {
        assertThat(SnapshotOrder.replaces(at(T), 2, at(T + 1), 1)).as("newer in Sela, asked earlier").isTrue();
        assertThat(SnapshotOrder.replaces(at(T + 1), 1, at(T), 2)).as("older in Sela, asked later").isFalse();
        assertThat(SnapshotOrder.replaces(at(T), 1, at(T), 2)).isTrue();
    }

    @Test
    void anUndatedSnapshotNeverReplacesADatedOne() {
        assertThat(SnapshotOrder.replaces(at(T), 1, at(null), 2)).isFalse();
    }

    @Test
    void otherwiseTheLaterLookupWins() {
        assertThat(SnapshotOrder.replaces(at(null), 1, at(T), 2)).isTrue();
        assertThat(SnapshotOrder.replaces(at(null), 2, at(T), 1)).isFalse();
        assertThat(SnapshotOrder.replaces(at(null), 1, at(null), 2)).isTrue();
        assertThat(SnapshotOrder.replaces(null, 5, at(null), 1)).isTrue();
    }

    private static SelaLead at(Long modifiedMicros) {
        SelaLead lead = sela(1, "a");
        lead.modifiedMicros = modifiedMicros;
        return lead;
    }
}
