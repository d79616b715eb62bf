package org.commsportal.graphapi;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Where a user detail page starts: the rows before it (for the audit's row range) and the last user of the page
 * before, by id (keyset paging: docs/graph-api.md, "Paging"). The token names no user, so a next link in a proxy's
 * log shows no name; a token of another tenant's user is refused.
 */
record SkipToken(long offset, @Nullable Long afterUserId) {

    static final SkipToken FIRST = new SkipToken(0, null);

    private static final Pattern TEXT = Pattern.compile("rows-([0-9]{1,15})-after-([0-9]{1,18})");

    static SkipToken parse(@Nullable String token) {
        if (token == null) {
            return FIRST;
        }
        Matcher matcher = TEXT.matcher(token);
        if (matcher.matches()) {
            long offset = Long.parseLong(matcher.group(1));
            long afterUserId = Long.parseLong(matcher.group(2));
            if (offset > 0 && afterUserId > 0) {
                return new SkipToken(offset, afterUserId);
            }
        }
        throw GraphApiException.badRequest(
                "Invalid $skiptoken; use the @odata.nextLink of the previous page as it is.");
    }

    /** The token of the page after rows more rows, the last of them the user with this id. */
    SkipToken next(long rows, long lastUserId) {
        return new SkipToken(offset + rows, lastUserId);
    }

    /**
     * The first row's number for the audit: the token's count of rows before it, which a next link states truly and
     * a made-up token may not, so never past the table's end.
     */
    long auditedFrom(long total) {
        return Math.min(offset, total);
    }

    String text() {
        return "rows-" + offset + "-after-" + afterUserId;
    }

    boolean first() {
        return afterUserId == null;
    }
}
