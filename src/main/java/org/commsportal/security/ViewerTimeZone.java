package org.commsportal.security;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * The time zone in which the signed-in account enters and reads date-times (session details, exports).
 * The account chooses it on its own page; UTC until it does.
 */
@Service
public class ViewerTimeZone {

    static final String PREFERENCE_KEY = "time-zone";

    private final AccountPreferences preferences;

    ViewerTimeZone(AccountPreferences preferences) {
        this.preferences = preferences;
    }

    public ZoneId current() {
        return preferences.get(PREFERENCE_KEY).flatMap(ViewerTimeZone::parse).orElse(ZoneOffset.UTC);
    }

    public void change(ZoneId zone) {
        preferences.put(PREFERENCE_KEY, zone.getId());
    }

    private static Optional<ZoneId> parse(String id) {
        try {
            return Optional.of(ZoneId.of(id));
        } catch (DateTimeException unknownOrMalformed) {
            return Optional.empty(); // a zone removed from the JDK's rules: fall back rather than fail
        }
    }
}
