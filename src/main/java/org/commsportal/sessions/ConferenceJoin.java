package org.commsportal.sessions;

import org.jspecify.annotations.Nullable;

/**
 * How a conference session's From party took part beyond its media (docs/ingest.md, "Conference sessions"): whether
 * it used the conference's web conferencing, whether it joined by telephone, in which direction and through which
 * audio conferencing provider. Null where the record does not say; a peer-to-peer session has {@link #NONE}.
 */
public record ConferenceJoin(
        @Nullable Boolean webConferencing,
        boolean telephone,
        @Nullable DialDirection direction,
        @Nullable ConferencingProvider provider) {

    public static final ConferenceJoin NONE = new ConferenceJoin(null, false, null, null);

    /** Whether the party called in to the conference or the conference called out to it. */
    public enum DialDirection {
        DIAL_IN("dial-in"),
        DIAL_OUT("dial-out");

        private final String wireName;

        DialDirection(String wireName) {
            this.wireName = wireName;
        }

        /** The name in ingested records. */
        public String wireName() {
            return wireName;
        }

        /** The number stored in {@code comm_session.dial_direction}. */
        public int code() {
            return ordinal() + 1;
        }

        public static @Nullable DialDirection ofCode(int code) {
            return code >= 1 && code <= values().length ? values()[code - 1] : null;
        }
    }

    /** Who carried a telephone party's call: the vendor's own audio conferencing or a third party's. */
    public enum ConferencingProvider {
        MICROSOFT("microsoft"),
        THIRD_PARTY("third-party");

        private final String wireName;

        ConferencingProvider(String wireName) {
            this.wireName = wireName;
        }

        /** The name in ingested records. */
        public String wireName() {
            return wireName;
        }

        /** The number stored in {@code comm_session.conferencing_provider}. */
        public int code() {
            return ordinal() + 1;
        }

        public static @Nullable ConferencingProvider ofCode(int code) {
            return code >= 1 && code <= values().length ? values()[code - 1] : null;
        }
    }

    /**
     * A session's join as stored: a conference session joined by telephone when it says a direction or names a
     * telephone number on either side; nothing for a peer-to-peer session.
     */
    public static ConferenceJoin of(
            boolean conference,
            @Nullable Boolean webConferencing,
            @Nullable DialDirection direction,
            @Nullable ConferencingProvider provider,
            @Nullable String fromTel,
            @Nullable String toTel) {
        if (!conference) {
            return NONE;
        }
        boolean telephone = direction != null || fromTel != null || toTel != null;
        return new ConferenceJoin(webConferencing, telephone, direction, provider);
    }

    /** Reads the stored columns (SQL NULL as 0 codes and a null web flag). */
    public static ConferenceJoin ofColumns(
            boolean conference,
            @Nullable Boolean webConferencing,
            int directionCode,
            int providerCode,
            @Nullable String fromTel,
            @Nullable String toTel) {
        return of(
                conference,
                webConferencing,
                DialDirection.ofCode(directionCode),
                ConferencingProvider.ofCode(providerCode),
                fromTel,
                toTel);
    }
}
