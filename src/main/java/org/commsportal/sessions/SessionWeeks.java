package org.commsportal.sessions;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.function.BiConsumer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The weeks of start days that hold a tenant's raw sessions, for read models that rebuild themselves from them a
 * week at a time (SessionChangeListener#rebuild): no statement then sorts every session at once, and a week of whole
 * start days never splits a day's row.
 */
@Component
public class SessionWeeks {

    private final JdbcClient jdbc;

    SessionWeeks(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Hands over [from, until) of each week from the tenant's first session's day to its last; none without. */
    public void forEach(long tenantId, BiConsumer<LocalDateTime, LocalDateTime> week) {
        LocalDateTime[] span = jdbc.sql(
                        "SELECT MIN(start_time), MAX(start_time) FROM comm_session WHERE tenant_id = :tenantId")
                .param("tenantId", tenantId)
                .query((rs, row) ->
                        new LocalDateTime[] {rs.getObject(1, LocalDateTime.class), rs.getObject(2, LocalDateTime.class)
                        })
                .single();
        if (span[0] == null) {
            return;
        }
        for (LocalDate from = span[0].toLocalDate(); !from.isAfter(span[1].toLocalDate()); from = from.plusDays(7)) {
            week.accept(from.atStartOfDay(), from.plusDays(7).atStartOfDay());
        }
    }
}
