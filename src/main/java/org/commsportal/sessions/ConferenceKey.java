package org.commsportal.sessions;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * A conference's key in the read models that count conferences (activity party days, session slot figures,
 * conference starts): the first 8 bytes of the SHA-256 of its identity ({@link CountedSession#conferenceId}), and 8
 * zero bytes for a peer-to-peer session. Computed in Java for a write and in SQL for a rebuild, so both are here.
 */
public final class ConferenceKey {

    /** The key of the conference of the session aliased {@code s}, in SQL (changesets 016 and 023 hold its twin). */
    public static final String OF_SESSION_S =
            "UNHEX(LEFT(SHA2(CONCAT(s.conference_url, CHAR(10), COALESCE(s.conf_instance, '')), 256), 16))";

    private ConferenceKey() {}

    /** The key of a conference identity, or 8 zero bytes for none (a peer-to-peer session). */
    public static byte[] of(@Nullable String conferenceId) {
        if (conferenceId == null) {
            return new byte[8];
        }
        try {
            return Arrays.copyOf(
                    MessageDigest.getInstance("SHA-256").digest(conferenceId.getBytes(StandardCharsets.UTF_8)), 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
