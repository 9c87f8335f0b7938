package io.leadquality.join;

import io.leadquality.model.LeadEvent;
import io.leadquality.model.LookupOutcome;
import io.leadquality.model.SelaLead;

/**
 * The key a lead is joined under: its external_id; for events without one, the matched Sela
 * lead's external_id, else {@code sela:<id>}; unmatched, {@code phone:<E.164>} or {@code email:<address>}.
 */
public final class JoinKeys {
    public static final String SELA_ID_PREFIX = "sela:";

    private JoinKeys() {}

    public static String keyOf(LeadEvent event) {
        if (event.externalId != null) {
            return event.externalId;
        }
        SelaLead lead = event.lookup != null && event.lookup.outcome == LookupOutcome.FOUND ? event.lookup.lead : null;
        if (lead != null) {
            return lead.externalId != null ? lead.externalId : SELA_ID_PREFIX + lead.id;
        }
        if (event.selaId != null) {
            return SELA_ID_PREFIX + event.selaId;
        }
        if (event.phoneNumber != null) {
            return "phone:" + event.phoneNumber;
        }
        return "email:" + event.email;
    }
}
