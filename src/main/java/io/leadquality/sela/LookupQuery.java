package io.leadquality.sela;

import io.leadquality.join.JoinKeys;
import io.leadquality.model.LeadEvent;
import io.leadquality.model.SelaLead;

import java.util.ArrayList;
import java.util.List;

/**
 * What to ask Sela for one event: its Sela id, else its external_id, else its phone and then its
 * email, as Sela's own ingestion matches. A lead fetched by id is this event's lead only if it
 * carries the event's external_id ({@link #isSomeoneElse}); if not, the external_id filter is asked
 * instead ({@link #criteria}).
 *
 * @param externalId the external_id the answer must carry, or null when any lead fetched by id will do
 */
public record LookupQuery(Long selaId, String externalId, List<Criterion> criteria) {

    /** One list filter: {@code GET /api/leads/?name=value}. */
    public record Criterion(String name, String value) {
        @Override
        public String toString() {
            return name + "=" + value;
        }
    }

    public static LookupQuery forEvent(LeadEvent event) {
        // A key made from the Sela id itself ("sela:<id>") names no external_id to check or ask for.
        String externalId = event.externalId == null || event.externalId.startsWith(JoinKeys.SELA_ID_PREFIX)
                ? null : event.externalId;
        List<Criterion> criteria = new ArrayList<>();
        if (externalId != null) {
            criteria.add(new Criterion("external_id", externalId));
        } else if (event.selaId == null) {
            if (event.phoneNumber != null) {
                criteria.add(new Criterion("phone_number", event.phoneNumber));
            }
            if (event.email != null) {
                criteria.add(new Criterion("email", event.email));
            }
        }
        return new LookupQuery(event.selaId, event.selaId == null ? null : externalId, List.copyOf(criteria));
    }

    /** True when a lead fetched by id is not the event's: it carries another external_id, or none. */
    public boolean isSomeoneElse(SelaLead fetched) {
        return selaId != null && externalId != null && fetched != null && !externalId.equals(fetched.externalId);
    }

    /** Identifies the query for merging concurrent identical lookups. */
    public String mergeKey() {
        return selaId != null ? "id=" + selaId + (externalId == null ? "" : "|" + externalId) : criteria.toString();
    }

    public String describe() {
        if (selaId != null) {
            return "id=" + selaId;
        }
        StringBuilder out = new StringBuilder();
        for (Criterion c : criteria) {
            out.append(out.length() == 0 ? "" : ", then ").append(c);
        }
        return out.toString();
    }
}
