package io.leadquality.model;

import java.util.Locale;

/** The shape of an input record, per topic; {@code AUTO} detects one of the others per record. */
public enum LeadFormat {
    AUTO,
    SELA,
    INSTANTLY,
    POLLYBOT,
    MAPPED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Returns null when the name is not a format. */
    public static LeadFormat fromWireName(String name) {
        for (LeadFormat format : values()) {
            if (format.wireName().equals(name)) {
                return format;
            }
        }
        return null;
    }
}
