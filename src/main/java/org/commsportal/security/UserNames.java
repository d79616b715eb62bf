package org.commsportal.security;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one form of a user name typed at sign-in (docs/configuration.md, "User names at sign-in"): surrounding white
 * space trimmed, Unicode NFKC applied (full-width and other compatibility letters become their plain form),
 * format characters such as zero-width spaces removed, and lower case, since user names are case-insensitive.
 * Account names are {@value #MAX_LENGTH} characters at most of letters, digits and {@code . _ @ + -}; any other
 * name is refused like a wrong password, before any look-up.
 */
final class UserNames {

    static final int MAX_LENGTH = 128;
    private static final Pattern ACCOUNT_NAME = Pattern.compile("[a-z0-9._@+-]{1," + MAX_LENGTH + "}");

    private UserNames() {}

    /** The normalized form of a name as typed; it may still be too long or hold characters no account has. */
    static String normalize(String typed) {
        String compatible = Normalizer.normalize(typed, Normalizer.Form.NFKC);
        var kept = new StringBuilder(compatible.length());
        compatible
                .codePoints()
                .filter(c -> Character.getType(c) != Character.FORMAT)
                .forEach(kept::appendCodePoint);
        return kept.toString().strip().toLowerCase(Locale.ROOT);
    }

    /** Whether a normalized name can be an account's name at all (it is looked up only then). */
    static boolean possible(String normalized) {
        return ACCOUNT_NAME.matcher(normalized).matches();
    }

    /**
     * The normalized name cut to {@value #MAX_LENGTH} characters (never inside a character): what the audit trail
     * records as the actor of a sign-in attempt and what failures are counted under.
     */
    static String key(String typed) {
        String normalized = normalize(typed);
        if (normalized.length() <= MAX_LENGTH) {
            return normalized;
        }
        int end = MAX_LENGTH;
        if (Character.isLowSurrogate(normalized.charAt(end)) && Character.isHighSurrogate(normalized.charAt(end - 1))) {
            end--;
        }
        return normalized.substring(0, end);
    }
}
