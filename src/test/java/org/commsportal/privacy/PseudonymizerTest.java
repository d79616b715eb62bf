package org.commsportal.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

class PseudonymizerTest {

    private static final SecretKeySpec TENANT_A = key(1);
    private static final SecretKeySpec TENANT_B = key(2);

    @Test
    void a_pseudonym_is_32_lowercase_hex_characters() {
        assertThat(Pseudonymizer.pseudonym(TENANT_A, "ada.adams@contoso.example"))
                .matches("[0-9a-f]{32}");
    }

    @Test
    void the_same_user_always_gets_the_same_pseudonym_whatever_the_case_or_sip_prefix() {
        String plain = Pseudonymizer.pseudonym(TENANT_A, "ada.adams@contoso.example");
        assertThat(Pseudonymizer.pseudonym(TENANT_A, "sip:Ada.Adams@Contoso.example"))
                .isEqualTo(plain);
        assertThat(Pseudonymizer.pseudonym(TENANT_A, " ada.adams@contoso.example "))
                .isEqualTo(plain);
    }

    @Test
    void different_users_get_different_pseudonyms() {
        assertThat(Pseudonymizer.pseudonym(TENANT_A, "ada.adams@contoso.example"))
                .isNotEqualTo(Pseudonymizer.pseudonym(TENANT_A, "ben.bauer@contoso.example"));
    }

    @Test
    void another_tenant_key_gives_an_unrelated_pseudonym() {
        assertThat(Pseudonymizer.pseudonym(TENANT_A, "ada.adams@contoso.example"))
                .isNotEqualTo(Pseudonymizer.pseudonym(TENANT_B, "ada.adams@contoso.example"));
    }

    @Test
    void hashing_the_known_name_does_not_reveal_the_pseudonym() throws Exception {
        String name = "ada.adams@contoso.example";
        for (String algorithm : new String[] {"MD5", "SHA-256"}) {
            byte[] digest = MessageDigest.getInstance(algorithm).digest(name.getBytes(StandardCharsets.UTF_8));
            String bareHash = String.format("%0" + digest.length * 2 + "x", new BigInteger(1, digest));
            assertThat(bareHash).doesNotContain(Pseudonymizer.pseudonym(TENANT_A, name));
        }
    }

    private static SecretKeySpec key(int fill) {
        byte[] secret = new byte[32];
        java.util.Arrays.fill(secret, (byte) fill);
        return new SecretKeySpec(secret, "HmacSHA256");
    }
}
