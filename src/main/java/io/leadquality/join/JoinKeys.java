package io.leadquality.join;

import io.leadquality.model.LeadEvent;
import io.leadquality.model.SelaLead;

/**
 * The key a lead is joined under: its external_id; for events without one, the matched Sela
 * lead's external_id, else {@code sela:<id>}; unmatched, {@code phone:<E.164>} or {@code email:<address>}.
 */
public final class JoinKeys {
    public static final String SELA_ID_PREFIX = "sela:";
    static final String PHONE_PREFIX = "phone:";
    static final String EMAIL_PREFIX = "email:";

    private JoinKeys() {}

    public static String keyOf(LeadEvent event) {
        if (event.externalId != null) {
            return event.externalId;
        }
        SelaLead lead = event.foundSela();
        if (lead != null) {
            return lead.externalId != null ? lead.externalId : SELA_ID_PREFIX + lead.id;
        }
        if (event.selaId != null) {
            return SELA_ID_PREFIX + event.selaId;
        }
        if (event.phoneNumber != null) {
            return PHONE_PREFIX + event.phoneNumber;
        }
        return EMAIL_PREFIX + event.email;
    }

    /** True for the key of an event that neither an external_id nor Sela named: {@code phone:...}, {@code email:...}. */
    public static boolean isUnmatched(String key) {
        return key.startsWith(PHONE_PREFIX) || key.startsWith(EMAIL_PREFIX);
    }
}
