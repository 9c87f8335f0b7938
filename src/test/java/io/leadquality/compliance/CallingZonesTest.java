package io.leadquality.compliance;

import io.leadquality.normalize.UsState;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class CallingZonesTest {
    private static final Instant AT = Instant.parse("2025-01-15T15:00:00Z");
    private static final ZoneId EASTERN = ZoneId.of("America/New_York");
    private static final ZoneId CENTRAL = ZoneId.of("America/Chicago");
    private static final ZoneId MOUNTAIN = ZoneId.of("America/Denver");

    @Test
    void aOneZoneStateIsItsZoneWhateverThePhone() {
        assertThat(CallingZones.zonesToCheck(UsState.VA, "+19155551234", AT)).containsExactly(EASTERN);
    }

    @Test
    void aTwoZoneStateIsNarrowedByAPhoneOfThatState() {
        assertThat(CallingZones.zonesToCheck(UsState.TX, "+19155551234", AT)).containsExactly(MOUNTAIN); // El Paso
        assertThat(CallingZones.zonesToCheck(UsState.TN, "+16155550100", AT)).containsExactly(CENTRAL); // Nashville
    }

    @Test
    void aPhoneOfAnotherStateNeverNarrowsATwoZoneState() {
        assertThat(CallingZones.zonesToCheck(UsState.TX, "+18042221111", AT)).containsExactlyInAnyOrder(CENTRAL, MOUNTAIN);
        assertThat(CallingZones.zonesToCheck(UsState.TN, "+14045550123", AT)) // Atlanta is Eastern, like Knoxville
                .containsExactlyInAnyOrder(CENTRAL, EASTERN);
        assertThat(CallingZones.zonesToCheck(UsState.FL, "+12055550100", AT)) // Birmingham is Central, like Pensacola
                .containsExactlyInAnyOrder(CENTRAL, EASTERN);
    }

    @Test
    void withNoStateAPhoneThatPinsAZoneGivesIt() {
        assertThat(CallingZones.zonesToCheck(null, "+15125550142", AT)).containsExactly(CENTRAL);
    }

    @Test
    void withNoStateAndNoZoneFromThePhoneEveryMainlandZoneIsChecked() {
        assertThat(CallingZones.zonesToCheck(null, null, AT)).isEqualTo(CallingZones.MAINLAND);
        assertThat(CallingZones.zonesToCheck(null, "+18005551234", AT)).isEqualTo(CallingZones.MAINLAND); // toll-free
        assertThat(CallingZones.zonesToCheck(UsState.AA, null, AT)).isEqualTo(CallingZones.MAINLAND); // armed forces: no zone
    }
}
