package io.leadquality.model;

/** Compliance flags of SPEC section 3; the names are public interface. */
public enum Flag {
    CALL_DNC(Severity.CRITICAL),
    SMS_DNC(Severity.WARNING),
    TCPA_LITIGATOR(Severity.CRITICAL),
    OUT_OF_TERRITORY(Severity.CRITICAL),
    BAD_NUMBER(Severity.WARNING),
    OUTSIDE_CALLING_WINDOW(Severity.WARNING),
    NOT_IN_SELA(Severity.INFO),
    DUPLICATE_IN_SELA(Severity.INFO),
    SELA_STATE_UNKNOWN(Severity.WARNING),
    CALL_FREQUENCY_CAP(Severity.CRITICAL);

    private final Severity severity;

    Flag(Severity severity) {
        this.severity = severity;
    }

    public Severity severity() {
        return severity;
    }
}
