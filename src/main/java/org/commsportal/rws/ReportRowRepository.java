package org.commsportal.rws;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
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

    /** %1$s: the figures' columns; %2$s: their JSON_TABLE definitions; %3$s the condition; %4$s the order. */
    private static final String SELECTION = """
            SELECT r.id, r.period_end%1$s
            FROM JSON_TABLE(:rows, '$[*]' COLUMNS (
                     id           BIGINT      PATH '$.id',
                     period_end   DATETIME(6) PATH '$.date'%2$s)) r
                 CROSS JOIN (SELECT CONVERT(:tenantGuid USING utf8mb4) COLLATE utf8mb4_nopad_bin AS tenant_guid,
                                    CONVERT(:tenantName USING utf8mb4) COLLATE utf8mb4_nopad_bin AS tenant_name) t
            WHERE %3$s
            ORDER BY %4$s
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
    List<ReportRow> select(
            ReportKind kind,
            List<ReportRow> rows,
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
        StringBuilder columns = new StringBuilder();
        StringBuilder definitions = new StringBuilder();
        for (ReportField figure : kind.figures()) {
            columns.append(", ").append(figure.column());
            definitions
                    .append(",\n")
                    .append(figure.columnName())
                    .append(" BIGINT PATH '$.")
                    .append(figure.columnName())
                    .append('\'');
        }
        String sql = SELECTION.formatted(columns, definitions, condition.sql(), String.join(", ", order));
        return jdbc.sql(sql)
                .param("rows", json(kind, rows))
                .param("tenantGuid", tenantGuid.toString().toLowerCase(Locale.ROOT))
                .param("tenantName", tenantName)
                .params(condition.parameters())
                .param("skip", skip)
                .param("top", top == null ? Long.MAX_VALUE : top)
                .query((rs, n) -> {
                    Map<ReportField, Long> figures = new EnumMap<>(ReportField.class);
                    for (ReportField figure : kind.figures()) {
                        figures.put(figure, rs.getLong(figure.columnName()));
                    }
                    return new ReportRow(rs.getLong("id"), rs.getObject("period_end", LocalDateTime.class), figures);
                })
                .list();
    }

    private static String json(ReportKind kind, List<ReportRow> rows) {
        StringWriter text = new StringWriter();
        try (JsonGenerator generator = JSON.createGenerator(text)) {
            generator.writeStartArray();
            for (ReportRow row : rows) {
                generator.writeStartObject();
                generator.writeNumberField("id", row.id());
                generator.writeStringField("date", DATETIME.format(row.date()));
                for (ReportField figure : kind.figures()) {
                    generator.writeNumberField(figure.columnName(), row.figure(figure));
                }
                generator.writeEndObject();
            }
            generator.writeEndArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return text.toString();
    }
}
