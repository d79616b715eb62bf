package org.commsportal.deviceusage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Comparator;
import java.util.function.Consumer;
import org.commsportal.sessions.CountedSession;
import org.jspecify.annotations.Nullable;

/**
 * One row of the read model's key: a licensed user, the UTC day a session started, the platform of the user's
 * client in it and, for {@link Platform#OTHER}, the client version itself (its key the first 8 bytes of its SHA-256,
 * all zero for the other platforms).
 */
record PartyPlatformDay(
        long userId,
        LocalDate day,
        Platform platform,
        byte[] agentKey,
        @Nullable String agent) {

    private static final byte[] KNOWN = new byte[8];

    /** Key order, the order rows are written in so that concurrent writers lock them alike (the primary key's). */
    static final Comparator<PartyPlatformDay> ORDER = Comparator.comparingLong(PartyPlatformDay::userId)
            .thenComparing(PartyPlatformDay::day)
            .thenComparing(PartyPlatformDay::platform)
            .thenComparing(PartyPlatformDay::agentKey, Arrays::compareUnsigned);

    /**
     * The rows a session's parties count in, as changeset 017's SQL twin counts them: the From party's, and the To
     * party's of a peer-to-peer session (a conference's To party is its focus, a server), each with its own client
     * version; a party without a licensed user, or whose client version is a server's, counts nowhere. A re-linked
     * session comes with only the parties whose link changed: each counts alone.
     */
    static void forEachRow(CountedSession s, Consumer<PartyPlatformDay> row) {
        LocalDate day = s.start().atOffset(ZoneOffset.UTC).toLocalDate();
        if (s.fromUserId() != null) {
            of(s.fromUserId(), day, s.fromClientVersion(), row);
        }
        if (s.toUserId() != null && !s.conference()) {
            of(s.toUserId(), day, s.toClientVersion(), row);
        }
    }

    private static void of(long userId, LocalDate day, @Nullable String clientVersion, Consumer<PartyPlatformDay> row) {
        if (!ClientPlatforms.isClient(clientVersion)) {
            return;
        }
        Platform platform = ClientPlatforms.platformOf(clientVersion);
        String agent = clientVersion == null ? "" : clientVersion;
        row.accept(
                platform == Platform.OTHER
                        ? new PartyPlatformDay(userId, day, platform, agentKey(agent), agent)
                        : new PartyPlatformDay(userId, day, platform, KNOWN, null));
    }

    /** The first 8 bytes of the SHA-256 of the client version's UTF-8 (the SQL twin in changeset 017). */
    static byte[] agentKey(String agent) {
        try {
            return Arrays.copyOf(
                    MessageDigest.getInstance("SHA-256").digest(agent.getBytes(StandardCharsets.UTF_8)), 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
