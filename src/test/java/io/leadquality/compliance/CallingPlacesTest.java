package io.leadquality.compliance;

import io.leadquality.normalize.UsState;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Where the person may be (SPEC section 10): every state and zone, and the call legal in all of them. */
class CallingPlacesTest {
    private static final CallingRules RULES = ShippedRules.RULES;
    private static final Instant SUMMER = Instant.parse("2026-07-15T16:00:00Z");
    private static final Instant WINTER = Instant.parse("2026-12-15T16:00:00Z");
    private static final String NEW_YORK_PHONE = "+12125550100";

    /** Each state over two zones, an in-state phone of each zone, and the zone it narrows the state to. */
    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource({
        "FL, +13055550100, America/New_York",
        "FL, +18504340100, America/Chicago",
        "ID, +12083430100, America/Boise",
        "ID, +12082630100, America/Los_Angeles",
        "IN, +13175550100, America/Indiana/Indianapolis",
        "IN, +12198800100, America/Chicago",
        "KS, +13165550100, America/Chicago",
        "KS, +17858990100, America/Denver",
        "KY, +15025550100, America/New_York",
        "KY, +12707820100, America/Chicago",
        "MI, +13135550100, America/Detroit",
        "MI, +19067740100, America/Menominee",
        "NE, +14025550100, America/Chicago",
        "NE, +13086320100, America/Denver",
        "ND, +17012350100, America/Chicago",
        "ND, +17012250100, America/Denver",
        "OR, +15035550100, America/Los_Angeles",
        "OR, +15418810100, America/Boise",
        "SD, +16053340100, America/Chicago",
        "SD, +16053420100, America/Denver",
        "TN, +16155550100, America/Chicago",
        "TN, +18655550100, America/New_York",
        "TX, +15125550100, America/Chicago",
        "TX, +19155550100, America/Denver",
        "AK, +19072220100, America/Anchorage",
    })
    void anInStatePhoneNarrowsItsStateToItsZone(String state, String phone, String zone) {
        UsState lead = UsState.valueOf(state);
        for (Instant at : List.of(SUMMER, WINTER)) {
            List<CallingRules.Place> places = RULES.placesOf(new LeadLocation(lead, "test"), phone, at);
            List<CallingRules.Place> own = places.stream().filter(p -> p.state() == lead).toList();
            assertThat(own).as(state + " at " + at).containsExactly(new CallingRules.Place(lead, ZoneId.of(zone)));
        }
    }

    @ParameterizedTest
    @CsvSource({"FL", "ID", "IN", "KS", "KY", "MI", "NE", "ND", "OR", "SD", "TN", "TX", "AK"})
    void aPhoneFromAnotherStateLeavesEveryZone(String state) {
        UsState lead = UsState.valueOf(state);
        List<CallingRules.Place> places = RULES.placesOf(new LeadLocation(lead, "test"), NEW_YORK_PHONE, SUMMER);
        assertThat(places).extracting(CallingRules.Place::zone).containsExactlyElementsOf(lead.zones());
        assertThat(places).extracting(CallingRules.Place::state).containsOnly(lead);
    }

    @Test
    void statesThatPresumeResidenceByAreaCodeAddTheirRules() {
        LeadLocation newYork = new LeadLocation(UsState.NY, "Sela us_state");
        assertThat(RULES.placesOf(newYork, "+13055550100", SUMMER)).as("Miami phone: Florida's rules too").containsExactly(
                new CallingRules.Place(UsState.NY, ZoneId.of("America/New_York")),
                new CallingRules.Place(UsState.FL, ZoneId.of("America/New_York")));
        assertThat(RULES.placesOf(newYork, "+14055550100", SUMMER)).extracting(CallingRules.Place::state)
                .containsExactly(UsState.NY, UsState.OK);
        assertThat(RULES.placesOf(newYork, "+12035550100", SUMMER)).extracting(CallingRules.Place::state)
                .containsExactly(UsState.NY, UsState.CT);
        assertThat(RULES.placesOf(newYork, "+15125550100", SUMMER)).as("Texas presumes nothing by area code")
                .containsExactly(new CallingRules.Place(UsState.NY, ZoneId.of("America/New_York")));
    }

    @Test
    void theCallMustBeLegalInEveryPlace() {
        // 20:30 in New York: legal for a New Yorker, not under Florida's 8 p.m. that a Miami phone brings in.
        Instant evening = Instant.parse("2026-07-16T00:30:00Z");
        LeadLocation newYork = new LeadLocation(UsState.NY, "Sela us_state");
        assertThat(RULES.whyNotAt(RULES.placesOf(newYork, NEW_YORK_PHONE, evening), evening)).isNull();
        List<CallingRules.Place> withFlorida = RULES.placesOf(newYork, "+13055550100", evening);
        assertThat(RULES.whyNotAt(withFlorida, evening)).contains("FL, America/New_York").contains("08:00-20:00");
        assertThat(RULES.nextLegal(withFlorida, evening)).isEqualTo("2026-07-16T12:00:00Z"); // 08:00 EDT

        // A Texan with a toll-free phone may be in El Paso: Sunday noon Central is 11:00 there.
        LeadLocation texas = new LeadLocation(UsState.TX, "Sela us_state");
        Instant sundayNoonCentral = Instant.parse("2026-12-06T18:00:00Z");
        List<CallingRules.Place> anywhereInTexas = RULES.placesOf(texas, "+18005551234", sundayNoonCentral);
        assertThat(RULES.whyNotAt(anywhereInTexas, sundayNoonCentral)).contains("11:00", "America/Denver");
        assertThat(RULES.nextLegal(anywhereInTexas, sundayNoonCentral)).isEqualTo("2026-12-06T19:00:00Z");

        // Nothing known: every mainland zone, under the federal window.
        List<CallingRules.Place> anywhere = RULES.placesOf(new LeadLocation(null, "unknown"), null, WINTER);
        assertThat(anywhere).hasSize(5).extracting(CallingRules.Place::state).containsOnlyNulls();
        assertThat(RULES.nextLegal(anywhere, Instant.parse("2026-12-15T12:00:00Z")))
                .as("08:00 in Los Angeles").isEqualTo("2026-12-15T16:00:00Z");
    }
}
