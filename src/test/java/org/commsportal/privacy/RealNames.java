package org.commsportal.privacy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The real names (UPN, alias, display name) of a tenant's licensed users, to search returned pages and files for. */
public record RealNames(String tenantName, List<String> names) {

    public static RealNames of(JdbcClient jdbc, String tenantName) {
        List<String> names = new ArrayList<>();
        jdbc.sql("""
                SELECT u.upn, u.alias, u.display_name FROM licensed_user u JOIN tenant t ON t.id = u.tenant_id
                WHERE t.name = :name
                """)
                .param("name", tenantName)
                .query((rs, row) -> {
                    names.add(rs.getString(1));
                    names.add(rs.getString(2));
                    names.add(rs.getString(3));
                    return null;
                })
                .list();
        if (names.isEmpty()) {
            throw new IllegalStateException("Tenant " + tenantName + " has no licensed users to look for");
        }
        return new RealNames(tenantName, List.copyOf(names));
    }

    /** The real names that occur in the text, case-insensitively. */
    public List<String> foundIn(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        return names.stream()
                .filter(name -> lower.contains(name.toLowerCase(Locale.ROOT)))
                .distinct()
                .toList();
    }
}
