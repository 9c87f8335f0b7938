package io.leadquality.compliance;

import io.leadquality.model.Flag;
import io.leadquality.model.LeadEvent;
import io.leadquality.model.SelaLead;
import io.leadquality.model.SelaLookup;
import io.leadquality.normalize.Timestamps;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import static io.leadquality.testkit.LeadEvents.event;
import static io.leadquality.testkit.LeadEvents.found;
import static io.leadquality.testkit.LeadEvents.sela;
import static org.assertj.core.api.Assertions.assertThat;

class ComplianceRulesTest {
    private final ComplianceRules rules = new ComplianceRules(
            TerritoryPolicy.parse(Map.of("default", "*", "7", "VA,CA", "9", "TX")),
            CallingWindows.parse(Map.of("default", "08:00-21:00", "FL", "08:00-20:00", "TX", "09:00-21:00")));

    @Test
    void aCleanLeadHasNoFlags() {
        SelaLead lead = sela(1, "a");
        assertThat(rules.evaluate(event("a"), lead, found(lead))).isEmpty();
    }

    @Test
    void callDncFromTheFlagOrTheStatusDetail() {
        SelaLead byFlag = sela(1, "a");
        byFlag.callDnc = true;
        assertThat(rules.evaluate(event("a"), byFlag, found(byFlag)))
                .containsEntry(Flag.CALL_DNC, "Sela marks the lead do-not-call (call_dnc=true)");
        SelaLead byDetail = sela(1, "a");
        byDetail.statusDetail = "has_call_dnc";
        assertThat(rules.evaluate(event("a"), byDetail, found(byDetail))).containsKey(Flag.CALL_DNC);
    }

    @Test
    void smsDncAndLitigator() {
        SelaLead lead = sela(1, "a");
        lead.smsDnc = true;
        lead.statusDetail = "tcpa_litigator";
        assertThat(rules.evaluate(event("a"), lead, found(lead)).keySet())
                .containsExactlyInAnyOrder(Flag.SMS_DNC, Flag.TCPA_LITIGATOR);
    }

    @Test
    void outOfTerritoryBySelaStatus() {
        SelaLead lead = sela(1, "a");
        lead.status = "OUT_OF_TERRITORY";
        assertThat(rules.evaluate(event("a"), lead, found(lead)))
                .containsEntry(Flag.OUT_OF_TERRITORY, "Sela marks the lead out of territory (status=OUT_OF_TERRITORY)");
    }

    @Test
    void outOfTerritoryByCampaignLicence() {
        SelaLead lead = sela(1, "a");
        lead.usState = "TX";
        assertThat(rules.evaluate(event("a"), lead, found(lead)).get(Flag.OUT_OF_TERRITORY))
                .isEqualTo("The lead is in TX (from Sela us_state), which campaign 7 is not licensed for (licensed: CA, VA)");
        lead.leadType = "9";
        assertThat(rules.evaluate(event("a"), lead, found(lead))).doesNotContainKey(Flag.OUT_OF_TERRITORY);
        lead.leadType = "unlisted"; // falls back to territory.default = *
        assertThat(rules.evaluate(event("a"), lead, found(lead))).doesNotContainKey(Flag.OUT_OF_TERRITORY);
    }

    @Test
    void territoryFallsBackToTheEventThenTheAreaCode() {
        LeadEvent event = event("a");
        event.leadType = "9"; // TX only
        event.usState = "CA";
        assertThat(rules.evaluate(event, null, null).get(Flag.OUT_OF_TERRITORY)).contains("the event's us_state");
        event.usState = null;
        event.phoneNumber = "+15125550142"; // Austin, TX
        assertThat(rules.evaluate(event, null, null)).doesNotContainKey(Flag.OUT_OF_TERRITORY);
        event.phoneNumber = "+18042221111"; // Richmond, VA
        assertThat(rules.evaluate(event, null, null).get(Flag.OUT_OF_TERRITORY)).contains("the area code of +18042221111");
    }

    @Test
    void unknownStateIsOutOfARestrictedTerritory() {
        LeadEvent event = event("a");
        event.leadType = "7";
        event.phoneNumber = "+18005551234"; // toll-free: no state
        assertThat(rules.evaluate(event, null, null).get(Flag.OUT_OF_TERRITORY)).contains("state is unknown");
    }

    @Test
    void badNumberFromSelaOrNanpValidity() {
        SelaLead lead = sela(1, "a");
        lead.status = "BAD_NUMBER";
        assertThat(rules.evaluate(event("a"), lead, found(lead))).containsKey(Flag.BAD_NUMBER);
        LeadEvent event = event("b");
        event.phoneNumber = "+15551234567";
        assertThat(rules.evaluate(event, null, null))
                .containsEntry(Flag.BAD_NUMBER, "The phone +15551234567 is not a valid NANP number");
        event.phoneNumber = null; // the event has none: Sela's is judged
        SelaLead withBadPhone = sela(2, "b");
        withBadPhone.phoneNumber = "+19112221111";
        assertThat(rules.evaluate(event, withBadPhone, found(withBadPhone))).containsKey(Flag.BAD_NUMBER);
    }

    @Test
    void lookupFlags() {
        LeadEvent event = event("a");
        assertThat(rules.evaluate(event, null, SelaLookup.notFound("external_id=a", 1)))
                .containsEntry(Flag.NOT_IN_SELA, "No Sela lead matches external_id=a");
        SelaLead lead = sela(1, "a");
        assertThat(rules.evaluate(event, lead, SelaLookup.found("external_id=a", lead, 3, 1)).get(Flag.DUPLICATE_IN_SELA))
                .startsWith("3 Sela leads match external_id=a");
        assertThat(rules.evaluate(event, lead, SelaLookup.failed("external_id=a", "HTTP 503", 4)).get(Flag.SELA_STATE_UNKNOWN))
                .isEqualTo("The Sela lookup (external_id=a) failed after 4 attempt(s): HTTP 503");
    }

    @ParameterizedTest(name = "{0} in {1}: outside={2}")
    @CsvSource({
        // VA (Eastern), federal 08:00-21:00: 12:30 UTC is 07:30 EST before the 2025-03-09 change, 08:30 EDT after it
        "2025-03-08T12:30:00Z, VA, true",
        "2025-03-10T12:30:00Z, VA, false",
        "2025-03-08T13:00:00Z, VA, false",  // 08:00 EST: the start is inclusive
        // and 01:30 UTC is 21:30 EDT before the 2025-11-02 fall-back, 20:30 EST after it
        "2025-11-01T01:30:00Z, VA, true",
        "2025-11-04T01:30:00Z, VA, false",
        "2025-11-04T02:00:00Z, VA, true",   // 21:00 EST: the end is exclusive
        // FL has a stricter 20:00 end
        "2025-06-02T00:30:00Z, FL, true",   // 20:30 EDT (Miami), or 19:30 CDT: strictest reading flags it
        "2025-06-01T23:30:00Z, FL, false",  // 19:30 EDT / 18:30 CDT
        // TX starts at 09:00
        "2025-06-02T13:30:00Z, TX, true",   // 08:30 CDT
        "2025-06-02T15:30:00Z, TX, false",  // 10:30 CDT / 09:30 MDT
    })
    void callingWindowsInLocalTime(String nextCall, String state, boolean outside) {
        SelaLead lead = sela(1, "a");
        lead.usState = state;
        lead.leadType = null;
        lead.nextCallMicros = ChronoUnit.MICROS.between(Instant.EPOCH, Instant.parse(nextCall));
        LeadEvent event = event("a");
        event.phoneNumber = null;
        lead.phoneNumber = "+18005551234"; // toll-free: no zone of its own
        boolean flagged = rules.evaluate(event, lead, found(lead)).containsKey(Flag.OUTSIDE_CALLING_WINDOW);
        assertThat(flagged).isEqualTo(outside);
    }

    @Test
    void aTwoZoneStateUsesThePhonesZoneWhenItPinsOne() {
        Instant at = Instant.parse("2025-06-02T14:30:00Z"); // 09:30 CDT in Austin, 08:30 MDT in El Paso
        SelaLead lead = sela(1, "a");
        lead.usState = "TX";
        lead.leadType = null;
        lead.nextCallMicros = ChronoUnit.MICROS.between(Instant.EPOCH, at);
        LeadEvent austin = event("a");
        austin.phoneNumber = "+15125550142";
        assertThat(rules.evaluate(austin, lead, found(lead))).doesNotContainKey(Flag.OUTSIDE_CALLING_WINDOW);
        LeadEvent elPaso = event("a");
        elPaso.phoneNumber = "+19155551234";
        assertThat(rules.evaluate(elPaso, lead, found(lead)).get(Flag.OUTSIDE_CALLING_WINDOW))
                .contains("08:30").contains("America/Denver");
        LeadEvent tollFree = event("a");
        tollFree.phoneNumber = "+18005551234"; // no single zone: the strictest reading (El Paso) flags it
        assertThat(rules.evaluate(tollFree, lead, found(lead))).containsKey(Flag.OUTSIDE_CALLING_WINDOW);
    }

    @Test
    void aPhoneFromAnotherStateDoesNotPickTheZoneOfATwoZoneState() {
        // 08:30 EST is 07:30 CST: legal in Knoxville, not in Nashville. A Georgia phone says nothing of where in Tennessee.
        Instant at = Instant.parse("2025-01-15T13:30:00Z");
        SelaLead lead = sela(1, "a");
        lead.usState = "TN";
        lead.leadType = null;
        lead.nextCallMicros = ChronoUnit.MICROS.between(Instant.EPOCH, at);
        LeadEvent event = event("a");
        event.phoneNumber = "+14045550123";
        assertThat(rules.evaluate(event, lead, found(lead)).get(Flag.OUTSIDE_CALLING_WINDOW))
                .contains("07:30").contains("America/Chicago");
    }

    @Test
    void withNoStateAndNoPhoneEveryMainlandZoneIsChecked() {
        Instant at = Instant.parse("2025-01-15T14:30:00Z"); // 09:30 in New York, 07:30 in Denver, 06:30 in Los Angeles
        SelaLead lead = sela(1, "a");
        lead.usState = null;
        lead.phoneNumber = null;
        lead.leadType = null;
        lead.nextCallMicros = ChronoUnit.MICROS.between(Instant.EPOCH, at);
        LeadEvent event = event("a");
        event.phoneNumber = null;
        assertThat(rules.evaluate(event, lead, found(lead)).get(Flag.OUTSIDE_CALLING_WINDOW))
                .contains("07:30").contains("America/Denver"); // the first zone it fails in
    }

    @Test
    void malformedNextCallTimeRaisesNothing() {
        SelaLead lead = sela(1, "a");
        lead.nextCallMicros = Timestamps.parseMicros("025-02-28T15:09:03.122515-08:00");
        assertThat(rules.evaluate(event("a"), lead, found(lead))).doesNotContainKey(Flag.OUTSIDE_CALLING_WINDOW);
    }
}
