package io.leadquality.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SuppressionUpdateTest {

    @Test
    void anIdentityIsComparedWithThePhoneOrEmailItWouldBeBuiltFrom() {
        String phone = SuppressionUpdate.phoneIdentity("+18042221111");
        assertThat(SuppressionUpdate.isPhoneIdentity(phone, "+18042221111")).isTrue();
        assertThat(SuppressionUpdate.isPhoneIdentity(phone, "+1804222111")).isFalse();
        assertThat(SuppressionUpdate.isPhoneIdentity(phone, "+180422211112")).isFalse();
        assertThat(SuppressionUpdate.isPhoneIdentity(phone, "+18042221112")).isFalse();
        assertThat(SuppressionUpdate.isPhoneIdentity(phone, null)).isFalse();
        assertThat(SuppressionUpdate.isEmailIdentity(phone, "+18042221111")).isFalse();

        String email = SuppressionUpdate.emailIdentity("jo@example.com");
        assertThat(SuppressionUpdate.isEmailIdentity(email, "jo@example.com")).isTrue();
        assertThat(SuppressionUpdate.isEmailIdentity(email, "JO@example.com")).isFalse();
        assertThat(SuppressionUpdate.isPhoneIdentity(email, "jo@example.com")).isFalse();
        assertThat(SuppressionUpdate.isEmailIdentity("email:", "")).isTrue();
        assertThat(SuppressionUpdate.isEmailIdentity("phone:jo@example.com", "jo@example.com")).isFalse();
    }
}
