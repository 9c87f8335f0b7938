package io.leadquality.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CallLogTest {
    @Test
    void aCallCountsOnceAndTheOldestGoFirst() {
        CallLog log = new CallLog(null, null);
        assertThat(log.add("1#1", 10)).isTrue();
        assertThat(log.add("1#1", 11)).isFalse();
        for (int i = 2; i <= CallLog.MAX_CALLS + 1; i++) {
            assertThat(log.add("1#" + i, 10 + i)).isTrue();
        }
        assertThat(log.ids()).hasSize(CallLog.MAX_CALLS).startsWith("1#2").endsWith("1#" + (CallLog.MAX_CALLS + 1));
        assertThat(log.times()).hasSize(CallLog.MAX_CALLS).endsWith(11L + CallLog.MAX_CALLS);
    }
}
