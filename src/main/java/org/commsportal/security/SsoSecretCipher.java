package org.commsportal.security;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Encrypts the client secrets of single sign-on providers with AES-256-GCM under the key in
 * {@code PORTAL_SSO_SECRET_KEY} (32 random bytes, Base64; docs/operations.md, "Single sign-on with OpenID Connect").
 * The provider's tenant is bound into each ciphertext as associated data, so a secret copied to another tenant's row
 * does not decrypt. Without a key the portal runs, but no provider can be saved or used.
 */
@Component
class SsoSecretCipher {

    static final String KEY_PROPERTY = "portal.sso.secret-key";
    private static final byte VERSION = 1;
    private static final int IV_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final @Nullable SecretKeySpec key;
    private final @Nullable String keyProblem;

    SsoSecretCipher(@Value("${" + KEY_PROPERTY + ":}") String base64Key) {
        SecretKeySpec parsed = null;
        String problem = null;
        if (base64Key.isBlank()) {
            problem = "PORTAL_SSO_SECRET_KEY is not set";
        } else {
            try {
                byte[] bytes = Base64.getDecoder().decode(base64Key.strip());
                if (bytes.length == 32) {
                    parsed = new SecretKeySpec(bytes, "AES");
                } else {
                    problem = "PORTAL_SSO_SECRET_KEY must be 32 bytes in Base64 (it has " + bytes.length + ")";
                }
            } catch (IllegalArgumentException notBase64) {
                problem = "PORTAL_SSO_SECRET_KEY is not Base64";
            }
        }
        this.key = parsed;
        this.keyProblem = problem;
    }

    /** Why secrets cannot be encrypted or decrypted here, or null when the key is usable. */
    @Nullable
    String problem() {
        return keyProblem;
    }

    byte[] encrypt(long tenantId, String secret) {
        try {
            byte[] iv = new byte[IV_BYTES];
            RANDOM.nextBytes(iv);
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, iv, tenantId);
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(1 + IV_BYTES + sealed.length)
                    .put(VERSION)
                    .put(iv)
                    .put(sealed)
                    .array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot encrypt the client secret", e);
        }
    }

    /** The secret; fails if the key differs from the one that encrypted it or the bytes were changed. */
    String decrypt(long tenantId, byte[] stored) {
        if (stored.length < 1 + IV_BYTES + TAG_BITS / 8 || stored[0] != VERSION) {
            throw new IllegalStateException("The stored client secret is not in a known format");
        }
        try {
            byte[] iv = java.util.Arrays.copyOfRange(stored, 1, 1 + IV_BYTES);
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, iv, tenantId);
            byte[] plain = cipher.doFinal(stored, 1 + IV_BYTES, stored.length - 1 - IV_BYTES);
            return new String(plain, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(
                    "The client secret does not decrypt: PORTAL_SSO_SECRET_KEY differs from the key it was saved with",
                    e);
        }
    }

    private Cipher cipher(int mode, byte[] iv, long tenantId) throws GeneralSecurityException {
        if (key == null) {
            throw new IllegalStateException(keyProblem);
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
        cipher.updateAAD(("oidc-client-secret:" + tenantId).getBytes(StandardCharsets.UTF_8));
        return cipher;
    }
}
