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
}
