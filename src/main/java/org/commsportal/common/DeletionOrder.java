package org.commsportal.common;

import java.util.function.Function;

/**
 * A page of a per-user table sorted by Deleted or Deleted date, as of the scope's last day {@code :to}, ties by user id
 * (docs/peer-to-peer-activity.md, "Per-user table"). One ORDER BY over every user makes MariaDB sort them all (0.1 to
 * 0.2 s at 100,000 users), since no index holds "deleted by that day". The page is read instead from three parts, each
 * up to the page's end ({@code :partLimit}, offset plus limit), and merged: the users deleted by then (few, sorted),
 * the users never deleted (the entries of licensed_user's index (tenant_id, deleted_at) without a date, which are in id
 * order), and the users deleted later (few, sorted).
 */
public final class DeletionOrder {

    /** The users' table read from its deletion index, for the part of the users never deleted. */
    private static final String BY_DELETION_INDEX = "licensed_user u FORCE INDEX (ix_licensed_user_deleted_at)";

    private DeletionOrder() {}

    /**
     * The page's statement, with parameters {@code :to}, {@code :partLimit}, {@code :limit} and {@code :offset}.
     *
     * @param rows the table's rows given the users' table as it is to be named in FROM ({@code licensed_user u} or
     *     that with an index hint), ending in a WHERE clause that more conditions can follow; they include
     *     {@code u.id AS id}, a column {@code deleted} (deleted by {@code :to}) and {@code deleted_at} (its date)
     * @param byDate by Deleted date, else by Deleted
     * @param direction " ASC" or " DESC"
     */
    public static String page(Function<String, String> rows, boolean byDate, String direction) {
        String users = "licensed_user u";
        String deleted = rows.apply(users) + " AND u.deleted_at <= :to ORDER BY "
                + (byDate ? "u.deleted_at" + direction + ", " : "") + "u.id" + direction;
        String never = rows.apply(BY_DELETION_INDEX) + " AND u.deleted_at IS NULL ORDER BY u.id" + direction;
        String later = rows.apply(users) + " AND u.deleted_at > :to ORDER BY u.id" + direction;
        String outer = byDate ? "p.deleted_at" : "COALESCE(p.deleted, FALSE)";
        return "SELECT p.* FROM ((" + deleted + " LIMIT :partLimit) UNION ALL (" + never
                + " LIMIT :partLimit) UNION ALL (" + later + " LIMIT :partLimit)) p ORDER BY " + outer + direction
                + ", p.id" + direction + " LIMIT :limit OFFSET :offset";
    }
}
