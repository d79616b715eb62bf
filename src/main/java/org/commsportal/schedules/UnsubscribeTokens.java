package org.commsportal.schedules;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.OptionalLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The unsubscribe link's token: the schedule's id signed with HMAC-SHA256 under a random key of that schedule alone,
 * so a token names one subscription, cannot be forged for another, and dies with its schedule.
 */
final class UnsubscribeTokens {

    private static final SecureRandom RANDOM = new SecureRandom();

    private UnsubscribeTokens() {}

    static String newKey() {
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
    }

    static String token(long scheduleId, long recipientId, String key) {
        return scheduleId + "." + signature(scheduleId, recipientId, key);
    }

    /** The schedule id a token claims, before its signature is checked; empty for what is no token. */
    static OptionalLong claimedId(String token) {
        int dot = token.indexOf('.');
        if (dot <= 0 || dot > 19) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(token.substring(0, dot)));
        } catch (NumberFormatException notANumber) {
            return OptionalLong.empty();
        }
    }

    static boolean valid(String token, long scheduleId, long recipientId, String key) {
        return MessageDigest.isEqual(
                token.getBytes(StandardCharsets.UTF_8),
                token(scheduleId, recipientId, key).getBytes(StandardCharsets.UTF_8));
    }

    private static String signature(long scheduleId, long recipientId, String key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
            byte[] signed =
                    mac.doFinal(("unsubscribe:" + scheduleId + ":" + recipientId).getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(signed);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Every Java runtime has HmacSHA256", e);
        }
    }
}
