package io.leadquality.identity;

import io.leadquality.join.JoinKeys;
import io.leadquality.model.IdentityLink;
import io.leadquality.model.LeadEvent;
import io.leadquality.model.SelaLookup;
import io.leadquality.model.SuppressionUpdate;
import io.leadquality.testkit.LeadEvents;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.streaming.api.operators.ProcessOperator;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class IdentityResolverTest {
    private static final String PHONE = "+18045550199";

    @Test
    void anUnmatchedEventIsKeyedToTheLeadLastSeenWithItsPhone() throws Exception {
        try (KeyedTwoInputStreamOperatorTestHarness<String, IdentityLink, LeadEvent, LeadEvent> harness = harness()) {
            harness.processElement1(new IdentityLink(SuppressionUpdate.phoneIdentity(PHONE), "crm-1"), 0);
            harness.processElement1(new IdentityLink(SuppressionUpdate.phoneIdentity(PHONE), "crm-2"), 0);
            harness.processElement2(unmatched(PHONE, null), 0);
            assertThat(harness.extractOutputValues()).singleElement().satisfies(e -> {
                assertThat(e.key).isEqualTo("crm-2");
                assertThat(e.matchedBy).isEqualTo("phone_number");
            });
        }
    }

    @Test
    void withoutAPhoneTheEmailMatches() throws Exception {
        try (KeyedTwoInputStreamOperatorTestHarness<String, IdentityLink, LeadEvent, LeadEvent> harness = harness()) {
            harness.processElement1(new IdentityLink(SuppressionUpdate.emailIdentity("jo@example.com"), "crm-3"), 0);
            harness.processElement2(unmatched(null, "jo@example.com"), 0);
            assertThat(harness.extractOutputValues()).singleElement().satisfies(e -> {
                assertThat(e.key).isEqualTo("crm-3");
                assertThat(e.matchedBy).isEqualTo("email");
            });
        }
    }

    @Test
    void aStrangerStaysAStranger() throws Exception {
        try (KeyedTwoInputStreamOperatorTestHarness<String, IdentityLink, LeadEvent, LeadEvent> harness = harness()) {
            harness.processElement2(unmatched(PHONE, null), 0);
            assertThat(harness.extractOutputValues()).singleElement().satisfies(e -> {
                assertThat(e.key).isEqualTo("phone:" + PHONE);
                assertThat(e.matchedBy).isNull();
            });
        }
    }

    @Test
    void theRouterSendsUnmatchedEventsToBeMatchedAndTeachesEveryPhoneAndEmailOfTheRest() throws Exception {
        try (OneInputStreamOperatorTestHarness<LeadEvent, LeadEvent> harness =
                     new OneInputStreamOperatorTestHarness<>(new ProcessOperator<>(new IdentityRouter()))) {
            harness.open();
            LeadEvent known = LeadEvents.event("crm-1");
            known.email = "jo@example.com";
            known.lookup = LeadEvents.found(LeadEvents.sela(1, "crm-1")); // Sela holds +18042221111 too, the event's phone
            known.lookup.lead.email = "jo@work.example.com";
            harness.processElement(known, 0);
            LeadEvent stranger = unmatched(PHONE, null);
            harness.processElement(stranger, 0);

            assertThat(harness.extractOutputValues()).extracting(e -> e.key).containsExactly("crm-1");
            assertThat(harness.getSideOutput(IdentityRouter.UNMATCHED)).extracting(r -> r.getValue().key)
                    .containsExactly("phone:" + PHONE);
            List<String> links = harness.getSideOutput(IdentityRouter.LINKS).stream().map(StreamRecord::getValue)
                    .map(l -> l.identity + "->" + l.key).toList();
            assertThat(links).containsExactly("phone_number:+18042221111->crm-1", "email:jo@example.com->crm-1",
                    "email:jo@work.example.com->crm-1");
        }
    }

    private static LeadEvent unmatched(String phone, String email) {
        LeadEvent event = LeadEvents.event("ignored");
        event.externalId = null;
        event.phoneNumber = phone;
        event.email = email;
        event.lookup = SelaLookup.notFound("phone_number=" + phone, 1);
        event.key = JoinKeys.keyOf(event);
        return event;
    }

    private static KeyedTwoInputStreamOperatorTestHarness<String, IdentityLink, LeadEvent, LeadEvent> harness() throws Exception {
        KeyedTwoInputStreamOperatorTestHarness<String, IdentityLink, LeadEvent, LeadEvent> harness =
                new KeyedTwoInputStreamOperatorTestHarness<>(new KeyedCoProcessOperator<>(new IdentityResolver(Duration.ofDays(30))),
                        new IdentityResolver.LinkIdentity(), new IdentityResolver.EventIdentity(), Types.STRING);
        harness.open();
        return harness;
    }
}
