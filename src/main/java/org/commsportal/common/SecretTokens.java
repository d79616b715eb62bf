package org.commsportal.common;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Bearer secrets (API tokens, ingestion keys): 256 random bits behind a short kind prefix, stored only as a
 * SHA-256 hash. A slow password hash adds nothing for secrets this long, and a fast one keeps per-request checks cheap.
 */
public final class SecretTokens {

    /** Characters of a token shown in lists to tell tokens apart: the kind prefix and a few more. */
    public static final int SHOWN_PREFIX_LENGTH = 12;

    private static final SecureRandom RANDOM = new SecureRandom();

    private SecretTokens() {}

    public static String generate(String kindPrefix) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return kindPrefix + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    public static String shownPrefix(String token) {
        return token.substring(0, Math.min(SHOWN_PREFIX_LENGTH, token.length()));
    }

    public static String hash(String token) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
