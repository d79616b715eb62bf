package org.commsportal.common;

/**
 * Keyset paging of per-user tables in user name order (docs/graph-api.md, "Paging"): the rows after one user,
 * found from the user's id alone, so a page deep in the table reads its own rows instead of skipping every row
 * before it, and a skip token carries no name. Parameters {@code :tenantId} and {@code :afterUserId}; the table's
 * alias for the users is {@code u}.
 */
public final class UserKeyset {

    private UserKeyset() {}

    /**
     * The condition for rows after the user in ascending order of the shown name ({@code upn} or {@code pseudonym}),
     * ties by id as the tables order them. The anchor's name is read by a subquery on the primary key, which MariaDB
     * evaluates once, so the condition is a range of the name's index; an id not of the tenant matches no row.
     */
    public static String after(String nameColumn) {
        if (!nameColumn.equals("upn") && !nameColumn.equals("pseudonym")) {
            throw new IllegalArgumentException("Not a user name column: " + nameColumn);
        }
        String anchor = "(SELECT a.%s FROM licensed_user a WHERE a.tenant_id = :tenantId AND a.id = :afterUserId)"
                .formatted(nameColumn);
        return """
                  AND (u.%1$s > %2$s OR (u.%1$s = %2$s AND u.id > :afterUserId))
                """.formatted(nameColumn, anchor);
    }
}
