package io.leadquality.demo;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DemoConsoleTest {
    @Test
    void durationsReadAsAPersonWouldSayThem() {
        assertThat(DemoConsole.humanDuration(179_453)).isEqualTo("2 d 1 h");
        assertThat(DemoConsole.humanDuration(86_400)).isEqualTo("1 d");
        assertThat(DemoConsole.humanDuration(12_000)).isEqualTo("3 h 20 min");
        assertThat(DemoConsole.humanDuration(303)).isEqualTo("5 min 3 s");
        assertThat(DemoConsole.humanDuration(42)).isEqualTo("42 s");
    }
}
