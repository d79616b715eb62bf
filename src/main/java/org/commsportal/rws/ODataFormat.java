package org.commsportal.rws;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** The two representations of the service: Atom/AtomPub XML (the default) and OData v2 verbose JSON. */
enum ODataFormat {
    ATOM,
    JSON;

    /**
     * The representation a request asks for: {@code $format} ({@code Json}, {@code Atom}, {@code application/json},
     * {@code application/atom+xml}, any case) if given, else JSON when the Accept header asks for JSON and not for
     * Atom, else Atom.
     */
    static ODataFormat of(@Nullable String format, @Nullable String accept) {
        if (format != null) {
            ODataFormat known = known(format);
            if (known == null) {
                throw ODataException.badRequest("Unsupported $format '" + Messages.quote(format)
                        + "'; use Json or Atom (or application/json, application/atom+xml).");
            }
            return known;
        }
        if (accept != null) {
            String lower = accept.toLowerCase(Locale.ROOT);
            if (lower.contains("application/json") && !lower.contains("application/atom+xml")) {
                return JSON;
            }
        }
        return ATOM;
    }

    /** As {@link #of}, but never refusing: what an error answer should be written in. */
    static ODataFormat forError(@Nullable String format, @Nullable String accept) {
        if (format != null) {
            ODataFormat known = known(format);
            return known == null ? ATOM : known;
        }
        return of(null, accept);
    }

    private static @Nullable ODataFormat known(String format) {
        return switch (format.strip().toLowerCase(Locale.ROOT)) {
            case "json", "application/json" -> JSON;
            case "atom", "application/atom+xml" -> ATOM;
            default -> null;
        };
    }
}
