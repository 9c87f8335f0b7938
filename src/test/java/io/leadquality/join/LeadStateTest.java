package io.leadquality.join;

import io.leadquality.model.LeadEvent;
import io.leadquality.model.SelaLead;
import org.junit.jupiter.api.Test;

import static io.leadquality.testkit.LeadEvents.event;
import static io.leadquality.testkit.LeadEvents.sela;
import static org.assertj.core.api.Assertions.assertThat;

class LeadStateTest {

    @Test
    void aLeadHoldsOneCopyOfTheTextsItsEventAndSnapshotShare() {
        String key = fresh("lead-1");
        LeadState lead = new LeadState();
        lead.rememberRuleInputs(eventOf(key), 1);
        lead.keepSnapshot(fetched(fresh(key)), key);

        assertThat(lead.snapshot.externalId).isSameAs(key);
        assertThat(lead.snapshot.phoneNumber).isSameAs(lead.phoneNumber);
        assertThat(lead.snapshot.email).isSameAs(lead.email);

        lead.rememberRuleInputs(eventOf(key), 2); // the next event brings fresh copies again
        assertThat(lead.phoneNumber).isSameAs(lead.snapshot.phoneNumber);
        assertThat(lead.email).isSameAs(lead.snapshot.email);
    }

    @Test
    void leadsShareTheirRepeatedShortTexts() {
        LeadState one = new LeadState();
        LeadState two = new LeadState();
        one.rememberRuleInputs(eventOf(fresh("a")), 1);
        two.rememberRuleInputs(eventOf(fresh("b")), 1);
        one.keepSnapshot(fetched(fresh("a")), "a");
        two.keepSnapshot(fetched(fresh("b")), "b");

        assertThat(one.usState).isSameAs(two.usState);
        assertThat(one.leadType).isSameAs(two.leadType);
        assertThat(one.snapshot.status).isSameAs(two.snapshot.status);
        assertThat(one.snapshot.statusDetail).isSameAs(two.snapshot.statusDetail);
        assertThat(one.snapshot.leadSource).isSameAs(two.snapshot.leadSource);
        assertThat(one.snapshot.usState).isSameAs(two.snapshot.usState);
    }

    @Test
    void differentTextsStayDifferent() {
        LeadState lead = new LeadState();
        LeadEvent event = eventOf(fresh("a"));
        event.phoneNumber = fresh("+12025550143");
        lead.rememberRuleInputs(event, 1);
        lead.keepSnapshot(fetched(fresh("a")), "a");

        assertThat(lead.phoneNumber).isEqualTo("+12025550143");
        assertThat(lead.snapshot.phoneNumber).isEqualTo("+18042221111");
    }

    @Test
    void longTextsAreNotPooled() {
        String longReason = "x".repeat(65);
        assertThat(SharedTexts.of(fresh(longReason))).isNotSameAs(SharedTexts.of(fresh(longReason)));
        assertThat(SharedTexts.of(fresh("CONTACTED"))).isSameAs(SharedTexts.of(fresh("CONTACTED")));
        assertThat(SharedTexts.of(null)).isNull();
    }

    /** Texts as they come off the network: equal, never the same instance. */
    private static String fresh(String text) {
        return new String(text.toCharArray());
    }

    private static LeadEvent eventOf(String key) {
        LeadEvent event = event(key);
        event.phoneNumber = fresh("+18042221111");
        event.email = fresh("jane@example.com");
        event.usState = fresh("VA");
        event.leadType = fresh("7");
        return event;
    }

    private static SelaLead fetched(String key) {
        SelaLead lead = sela(1, key);
        lead.phoneNumber = fresh("+18042221111");
        lead.email = fresh("jane@example.com");
        lead.status = fresh("OPEN");
        lead.statusDetail = fresh("contacted");
        lead.leadSource = fresh("web");
        lead.usState = fresh("VA");
        return lead;
    }
}
