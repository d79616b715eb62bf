package org.commsportal.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SsoSecretCipherTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);
    private static final String OTHER_KEY =
            Base64.getEncoder().encodeToString("another-key-of-thirty-two-bytes!".getBytes(StandardCharsets.UTF_8));

    @Test
    void a_secret_comes_back_only_with_the_same_key_and_tenant() {
        var cipher = new SsoSecretCipher(KEY);
        byte[] stored = cipher.encrypt(7, "s3cret-value");

        assertThat(new String(stored, StandardCharsets.ISO_8859_1)).doesNotContain("s3cret");
        assertThat(cipher.decrypt(7, stored)).isEqualTo("s3cret-value");
        assertThatThrownBy(() -> cipher.decrypt(8, stored)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new SsoSecretCipher(OTHER_KEY).decrypt(7, stored))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("PORTAL_SSO_SECRET_KEY differs");
    }

    @Test
    void each_encryption_differs_so_equal_secrets_do_not_show() {
        var cipher = new SsoSecretCipher(KEY);
        assertThat(cipher.encrypt(1, "same")).isNotEqualTo(cipher.encrypt(1, "same"));
    }

    @Test
    void a_missing_or_malformed_key_is_reported_not_used() {
        assertThat(new SsoSecretCipher("").problem()).contains("not set");
        assertThat(new SsoSecretCipher("not base64!").problem()).contains("not Base64");
        assertThat(new SsoSecretCipher(Base64.getEncoder().encodeToString(new byte[16])).problem())
                .contains("32 bytes");
        assertThat(new SsoSecretCipher(KEY).problem()).isNull();
        assertThatThrownBy(() -> new SsoSecretCipher("").encrypt(1, "x")).isInstanceOf(IllegalStateException.class);
    }
}
