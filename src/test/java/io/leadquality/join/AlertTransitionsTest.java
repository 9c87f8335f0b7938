package io.leadquality.join;

import io.leadquality.model.Flag;
import org.junit.jupiter.api.Test;

import java.util.EnumMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AlertTransitionsTest {
    @Test
    void onlyFlagsThatAppearOrGoAwayMakeAlerts() {
        Map<Flag, String> now = new EnumMap<>(Flag.class);
        now.put(Flag.CALL_DNC, "listed");
        now.put(Flag.SMS_DNC, "sms");
        assertThat(AlertTransitions.between(new String[] {"SMS_DNC", "BAD_NUMBER"}, now, flag -> "gone: " + flag))
                .extracting(t -> t.flag() + ":" + t.state() + ":" + t.reason())
                .containsExactly("CALL_DNC:RAISED:listed", "BAD_NUMBER:CLEARED:gone: BAD_NUMBER");
    }
}
