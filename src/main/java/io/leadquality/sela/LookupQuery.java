package io.leadquality.sela;

import io.leadquality.model.LeadEvent;

import java.util.ArrayList;
import java.util.List;

/**
 * What to ask Sela for one event: its Sela id, else its external_id, else its phone and then its
 * email, as Sela's own ingestion matches.
 */
public record LookupQuery(Long selaId, List<Criterion> criteria) {

    /** One list filter: {@code GET /api/leads/?name=value}. */
    public record Criterion(String name, String value) {
        @Override
        public String toString() {
            return name + "=" + value;
        }
    }

    public static LookupQuery forEvent(LeadEvent event) {
        if (event.selaId != null) {
            return new LookupQuery(event.selaId, List.of());
        }
        List<Criterion> criteria = new ArrayList<>();
        if (event.externalId != null) {
            criteria.add(new Criterion("external_id", event.externalId));
        } else {
            if (event.phoneNumber != null) {
                criteria.add(new Criterion("phone_number", event.phoneNumber));
            }
            if (event.email != null) {
                criteria.add(new Criterion("email", event.email));
            }
        }
        return new LookupQuery(null, List.copyOf(criteria));
    }

    /** Identifies the query for merging concurrent identical lookups. */
    public String mergeKey() {
        return selaId != null ? "id=" + selaId : criteria.toString();
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
