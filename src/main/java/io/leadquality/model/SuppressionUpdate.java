package io.leadquality.model;

/**
 * One record of the suppression list (SPEC section 7), normalised, with its position in the topic.
 * Also what the broadcast state keeps per phone or email: REMOVEs stay as tombstones so that a
 * replayed older record never brings an entry back. Flink POJO.
 */
public class SuppressionUpdate {
    public SuppressionAction action;
    /** {@code phone_number:+18042221111} or {@code email:jo@example.com}; null for LOADED. */
    public String identity;
    public String reason;
    public String topic;
    public int partition;
    public long offset;

    public SuppressionUpdate() {}

    public static SuppressionUpdate loaded() {
        SuppressionUpdate marker = new SuppressionUpdate();
        marker.action = SuppressionAction.LOADED;
        return marker;
    }

    public boolean isActive() {
        return action == SuppressionAction.ADD;
    }

    /** True when this record comes after {@code other} in the topic (same partition), or from another partition (arrival order). */
    public boolean supersedes(SuppressionUpdate other) {
        return other == null || partition != other.partition || offset > other.offset;
    }

    public static String phoneIdentity(String e164) {
        return "phone_number:" + e164;
    }

    public static String emailIdentity(String email) {
        return "email:" + email;
    }

    /** Whether {@code identity} is {@link #phoneIdentity(String)} of {@code e164}, without building that text. */
    public static boolean isPhoneIdentity(String identity, String e164) {
        return is(identity, "phone_number:", e164);
    }

    /** Whether {@code identity} is {@link #emailIdentity(String)} of {@code email}, without building that text. */
    public static boolean isEmailIdentity(String identity, String email) {
        return is(identity, "email:", email);
    }

    private static boolean is(String identity, String prefix, String value) {
        return value != null && identity.length() == prefix.length() + value.length() && identity.startsWith(prefix)
                && identity.regionMatches(prefix.length(), value, 0, value.length());
    }
}
