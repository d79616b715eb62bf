package org.commsportal.rws;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.commsportal.activeusers.ActiveUserRow;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Filters, sorts and pages a report's rows in MariaDB: the rows go in as one JSON parameter read by
 * {@code JSON_TABLE}, the tenant's GUID and name as parameters of a one-row derived table (in a binary no-pad
 * collation: case-sensitive, and trailing spaces count), and the {@code $filter} as a condition whose values are all
 * bound parameters.
 */
@Repository
class ReportRowRepository {

    private static final String SELECTION = """
            SELECT r.id, r.period_end, r.active_users
            FROM JSON_TABLE(:rows, '$[*]' COLUMNS (
                     id           BIGINT      PATH '$.id',
                     period_end   DATETIME(6) PATH '$.date',
                     active_users BIGINT      PATH '$.activeUsers')) r
                 CROSS JOIN (SELECT CONVERT(:tenantGuid USING utf8mb4) COLLATE utf8mb4_nopad_bin AS tenant_guid,
                                    CONVERT(:tenantName USING utf8mb4) COLLATE utf8mb4_nopad_bin AS tenant_name) t
            WHERE %s
            ORDER BY %s
            LIMIT :skip, :top
            """;
    private static final DateTimeFormatter DATETIME =
            DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSSSSS", Locale.ROOT);
    private static final JsonFactory JSON = new JsonFactory();

    private final JdbcClient jdbc;

    ReportRowRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The rows matching the condition, in the order of the keys (then by ID), from skip on, at most top of them
     * (all when null).
     */
    List<ActiveUserRow> select(
            List<ActiveUserRow> rows,
            UUID tenantGuid,
            String tenantName,
            SqlCondition condition,
            List<OrderKey> orderBy,
            long skip,
            @Nullable Long top) {
        List<String> order = new ArrayList<>();
        for (OrderKey key : orderBy) {
            order.add(key.sql());
        }
        if (orderBy.stream().noneMatch(key -> key.field() == ReportField.ID)) {
            order.add(new OrderKey(ReportField.ID, false).sql());
        }
        return jdbc.sql(SELECTION.formatted(condition.sql(), String.join(", ", order)))
                .param("rows", json(rows))
                .param("tenantGuid", tenantGuid.toString().toLowerCase(Locale.ROOT))
                .param("tenantName", tenantName)
                .params(condition.parameters())
                .param("skip", skip)
                .param("top", top == null ? Long.MAX_VALUE : top)
                .query((rs, n) -> new ActiveUserRow(
                        rs.getLong("id"), rs.getObject("period_end", LocalDateTime.class), rs.getLong("active_users")))
                .list();
    }

    private static String json(List<ActiveUserRow> rows) {
        StringWriter text = new StringWriter();
        try (JsonGenerator generator = JSON.createGenerator(text)) {
            generator.writeStartArray();
            for (ActiveUserRow row : rows) {
                generator.writeStartObject();
                generator.writeNumberField("id", row.id());
                generator.writeStringField("date", DATETIME.format(row.date()));
                generator.writeNumberField("activeUsers", row.activeUsers());
                generator.writeEndObject();
            }
            generator.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
