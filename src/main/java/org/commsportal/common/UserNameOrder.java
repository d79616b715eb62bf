package org.commsportal.common;

/**
 * The user name order of per-user tables, and keyset paging in it (docs/graph-api.md, "Paging"). The shown name is
 * the UPN, or the pseudonym for a viewer who sees pseudonyms; the table's alias for the users is {@code u}.
 */
public final class UserNameOrder {

    private UserNameOrder() {}

    /**
     * The ORDER BY terms of the name order. A UPN is unique in its tenant, so by UPN it is the UPN alone: MariaDB
     * reads that order from the UPN's unique index and stops after the page, where a further id made it sort every
     * user (0.2-0.3 s at 100,000 users). Pseudonyms may repeat, so the id follows them, which their index holds after
     * them.
     */
    public static String terms(boolean concealed, String direction) {
        return concealed ? "u.pseudonym" + direction + ", u.id" + direction : "u.upn" + direction;
    }

    /**
     * The condition for rows after one user, found from the user's id alone (parameters {@code :tenantId} and
     * {@code :afterUserId}), in ascending name order with ties by id: a page deep in the table reads its own rows
     * instead of skipping every row before it, and a skip token carries no name. The anchor's name is read by a
     * subquery on the primary key, which MariaDB evaluates once, so the condition is a range of the name's index; an
     * id not of the tenant matches no row.
     */
    public static String after(boolean concealed) {
        String name = concealed ? "pseudonym" : "upn";
        String anchor = "(SELECT a.%s FROM licensed_user a WHERE a.tenant_id = :tenantId AND a.id = :afterUserId)"
                .formatted(name);
        return """
                  AND (u.%1$s > %2$s OR (u.%1$s = %2$s AND u.id > :afterUserId))
                """.formatted(name, anchor);
    }
}
