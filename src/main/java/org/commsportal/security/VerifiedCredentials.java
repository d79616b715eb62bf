package org.commsportal.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.stereotype.Component;

/**
 * Credentials that passed the bcrypt check recently, so that an API client signing in with HTTP Basic on every
 * request pays for bcrypt once per {@link #LIFETIME} instead of every time (docs/reporting-web-service.md,
 * "Authentication"). An entry is keyed by an HMAC of the user name and password under a key that lives only in this
 * node's memory, and holds the account's password hash as it was then: it is used only while the account still has
 * that hash (a password change or reset ends it) and is enabled, and the roles always come from the account as it is
 * now, so a disabled account or a role change takes effect at the next request.
 */
@Component
class VerifiedCredentials {

    static final Duration LIFETIME = Duration.ofMinutes(5);
    static final int MAX_ENTRIES = 10_000;

    private record Entry(String passwordHash, Instant until) {}

    private final AccountService accounts;
    private final Clock clock;
    private final SecretKeySpec key;
    private final Map<String, Entry> entries = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Entry> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    VerifiedCredentials(AccountService accounts, Clock clock) {
        this.accounts = accounts;
        this.clock = clock;
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** The account, if these credentials passed the bcrypt check recently and the account is unchanged since. */
    Optional<PortalUser> recall(String username, String password) {
        String id = id(username, password);
        Entry entry;
        synchronized (entries) {
            entry = entries.get(id);
        }
        if (entry == null) {
            return Optional.empty();
        }
        Optional<PortalUser> now = clock.instant().isBefore(entry.until())
                ? accounts.current(username)
                        .filter(user -> user.isEnabled() && user.getPassword().equals(entry.passwordHash()))
                : Optional.empty();
        if (now.isEmpty()) {
            synchronized (entries) {
                entries.remove(id);
            }
        }
        return now;
    }

    /** Remembers credentials that just passed the bcrypt check against this password hash. */
    void remember(String username, String password, String passwordHash) {
        if (passwordHash.isEmpty()) {
            return;
        }
        synchronized (entries) {
            entries.put(
                    id(username, password),
                    new Entry(passwordHash, clock.instant().plus(LIFETIME)));
        }
    }

    private String id(String username, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(username.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return HexFormat.of().formatHex(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
