package io.leadquality.analytics;

import io.leadquality.model.EnrichedLead;
import io.leadquality.model.Flag;
import io.leadquality.model.LookupOutcome;

/**
 * What the source-quality feed needs of one enriched record (SPEC section 11): small, so the window
 * state holds no Sela JSON. Flink POJO.
 */
public class QualityObservation {
    public String leadSource;
    public String leadType;
    public String externalId;
    /** The input event's event_time, epoch millis: the window is chosen by it. */
    public long eventTime;
    /** One bit per {@link Flag}, by ordinal. */
    public int flags;
    public boolean lookupFailed;

    public QualityObservation() {}

    /** Sela's lead_source and lead_type when it has them, else the event's; "unknown" when neither does. */
    public static QualityObservation of(EnrichedLead lead) {
        QualityObservation seen = new QualityObservation();
        String selaSource = lead.sela == null ? null : lead.sela.leadSource;
        String selaType = lead.sela == null ? null : lead.sela.leadType;
        seen.leadSource = orUnknown(selaSource != null ? selaSource : lead.event.leadSource);
        seen.leadType = orUnknown(selaType != null ? selaType : lead.event.leadType);
        seen.externalId = lead.externalId;
        seen.eventTime = lead.event.eventTime;
        for (String flag : lead.flags) {
            seen.flags |= 1 << Flag.valueOf(flag).ordinal();
        }
        seen.lookupFailed = lead.lookup == LookupOutcome.FAILED;
        return seen;
    }

    /** The feed's key: {@code lead_source|lead_type}. */
    public String sourceKey() {
        return leadSource + '|' + leadType;
    }

    /** One lead of one source and type: the first stage's key, so no state grows with a source's leads. */
    public String leadKey() {
        return leadSource + '|' + leadType + '|' + externalId;
    }

    private static String orUnknown(String value) {
        return value == null || value.isBlank() ? "unknown" : value;
    }
}
