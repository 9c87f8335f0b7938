package io.leadquality.contacts;

import io.leadquality.model.ContactVerdict;
import io.leadquality.model.LeadEvent;
import io.leadquality.model.SelaLead;
import io.leadquality.model.SuppressionUpdate;

/**
 * What a contact stage is keyed by (SPEC section 9): the phone, which carries do-not-call and
 * litigator marks, calls and list entries; or the e-mail, which carries do-not-call marks and list
 * entries. An event is judged by the one its found Sela snapshot has, else its own.
 */
public enum ContactKind {
    PHONE("phone_number:", "phone", true) {
        @Override
        String valueOf(LeadEvent event, SelaLead found) {
            return found != null && found.phoneNumber != null ? found.phoneNumber : event.phoneNumber;
        }

        @Override
        public ContactVerdict verdictOf(LeadEvent event) {
            return event.phoneVerdict;
        }

        @Override
        void setVerdict(LeadEvent event, ContactVerdict verdict) {
            event.phoneVerdict = verdict;
        }
    },
    EMAIL("email:", "e-mail", false) {
        @Override
        String valueOf(LeadEvent event, SelaLead found) {
            return found != null && found.email != null ? found.email : event.email;
        }

        @Override
        public ContactVerdict verdictOf(LeadEvent event) {
            return event.emailVerdict;
        }

        @Override
        void setVerdict(LeadEvent event, ContactVerdict verdict) {
            event.emailVerdict = verdict;
        }
    };

    /** How identities of this kind begin ({@link SuppressionUpdate#phoneIdentity}, {@link SuppressionUpdate#emailIdentity}). */
    public final String prefix;
    /** As alert reasons name it. */
    public final String noun;
    /** Whether a litigator mark on one lead marks the others with this identity (the law's: the phone only). */
    final boolean carriesLitigator;

    ContactKind(String prefix, String noun, boolean carriesLitigator) {
        this.prefix = prefix;
        this.noun = noun;
        this.carriesLitigator = carriesLitigator;
    }

    /** The identity ({@code phone_number:+1...}, {@code email:...}) an event is judged by, or null. */
    public String identityOf(LeadEvent event) {
        String value = valueOf(event, event.foundSela());
        return value == null ? null : prefix + value;
    }

    /** The kind of a suppression-list identity, or null for one of neither kind. */
    public static ContactKind of(String identity) {
        for (ContactKind kind : values()) {
            if (identity != null && identity.startsWith(kind.prefix)) {
                return kind;
            }
        }
        return null;
    }

    abstract String valueOf(LeadEvent event, SelaLead found);

    /** What this kind's stage said of the event, or null. */
    public abstract ContactVerdict verdictOf(LeadEvent event);

    abstract void setVerdict(LeadEvent event, ContactVerdict verdict);
}
