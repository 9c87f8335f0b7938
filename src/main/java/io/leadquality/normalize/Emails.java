package io.leadquality.normalize;

import java.util.Locale;

public final class Emails {
    private Emails() {}

    /** Trimmed and lower-cased; null for null or blank. */
    public static String normalize(String email) {
        if (email == null) {
            return null;
        }
        String trimmed = email.strip();
        return trimmed.isEmpty() ? null : trimmed.toLowerCase(Locale.ROOT);
    }
}
