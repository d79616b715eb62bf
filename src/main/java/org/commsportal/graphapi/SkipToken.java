package org.commsportal.graphapi;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.ToLongFunction;
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

    /** Users read in one statement while a page or a whole CSV streams. */
    static final int BATCH = 500;

    /** The rows a page handed over and the last of them (null when none): the next page's anchor. */
    record PageEnd(long rows, @Nullable Long lastUserId) {}

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
     * Reads the page this token starts, at most limit rows, in batches of {@link #BATCH}: each batch the rows after
     * the last one read ({@code rowsAfter} of the user id, or null for the first row, and a count), handed to
     * {@code batches}; a short batch ends the table.
     */
    <R> PageEnd read(
            long limit,
            BiFunction<@Nullable Long, Integer, List<R>> rowsAfter,
            ToLongFunction<R> userId,
            Consumer<List<R>> batches) {
        Long after = afterUserId;
        long rows = 0;
        while (rows < limit) {
            int wanted = (int) Math.min(BATCH, limit - rows);
            List<R> batch = rowsAfter.apply(after, wanted);
            if (!batch.isEmpty()) {
                batches.accept(batch);
                rows += batch.size();
                after = userId.applyAsLong(batch.get(batch.size() - 1));
            }
            if (batch.size() < wanted) {
                break;
            }
        }
        return new PageEnd(rows, after);
    }

    /**
     * The audit record's text for a page of a user detail call. Its first row's number is the token's count of rows
     * before it, which a next link states truly and a made-up token may not, so never past the table's end.
     */
    String audited(ReportCall call, PageEnd end, long total) {
        long from = Math.min(offset, total);
        return "Graph API " + call.function().urlName() + " "
                + (call.date() != null ? "date " + call.date() : "period " + call.period()) + ", rows " + from
                + " to " + (from + end.rows()) + " of " + total;
    }

    String text() {
        return "rows-" + offset + "-after-" + afterUserId;
    }

    boolean first() {
        return afterUserId == null;
    }
}
