package org.commsportal.rws;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.rws.FilterExpression.And;
import org.commsportal.rws.FilterExpression.Comparison;
import org.commsportal.rws.FilterExpression.Not;
import org.commsportal.rws.FilterExpression.Or;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The SQL selection (JSON_TABLE, the translated WHERE, ORDER BY, LIMIT) against the real MariaDB, checked against an
 * evaluation of the same filter trees in Java: random filters, orders and pages over made-up rows.
 */
@PortalIntegrationTest
class RwsRowSelectionIT {

    private static final UUID GUID = UUID.fromString("16a58f78-539f-47f7-b9bf-02a63867d73b");
    private static final String NAME = "Contoso.example";
    private static final LocalDateTime FIRST = LocalDateTime.of(2025, 12, 28, 0, 0);

    @Autowired
    ReportRowRepository repository;

    private final Random random = new Random(20130505);

    /** Weekly rows with many equal counts (so ties need the ID tie-breaker) and a few zero weeks. */
    private static List<ReportRow> rows() {
        List<ReportRow> rows = new ArrayList<>();
        Random values = new Random(7);
        for (int i = 0; i < 120; i++) {
            LocalDateTime end = FIRST.plusWeeks(i + 1L);
            rows.add(row(2920 + i, end, values.nextInt(4) == 0 ? 0 : values.nextInt(6)));
        }
        return rows;
    }

    @Test
    void random_filters_orders_and_pages_select_what_java_selects() {
        List<ReportRow> rows = rows();
        for (int i = 0; i < 400; i++) {
            String filter = randomFilter(3);
            FilterExpression tree = parse(filter);
            List<OrderKey> orderBy = randomOrder();
            long skip = random.nextInt(4) == 0 ? random.nextInt(30) : 0;
            Long top = random.nextInt(3) == 0 ? (long) random.nextInt(40) : null;

            List<ReportRow> selected = repository.select(
                    ReportKind.ACTIVE_USER, rows, GUID, NAME, SqlCondition.of(tree), orderBy, skip, top);

            List<ReportRow> expected = rows.stream()
                    .filter(row -> matches(tree, row))
                    .sorted(comparator(orderBy))
                    .skip(skip)
                    .limit(top == null ? Long.MAX_VALUE : top)
                    .toList();
            assertThat(selected)
                    .as("$filter=%s $orderby=%s $skip=%d $top=%s", filter, orderBy, skip, top)
                    .isEqualTo(expected);
        }
    }

    @Test
    void without_a_filter_every_row_comes_by_date() {
        List<ReportRow> rows = new ArrayList<>(rows());
        java.util.Collections.shuffle(rows, random);

        assertThat(repository.select(
                        ReportKind.ACTIVE_USER,
                        rows,
                        GUID,
                        NAME,
                        SqlCondition.ALL,
                        QueryOptions.DEFAULT_ORDER,
                        0,
                        null))
                .isEqualTo(rows().stream()
                        .sorted(Comparator.comparing(ReportRow::date))
                        .toList());
        assertThat(repository.select(
                        ReportKind.ACTIVE_USER,
                        List.of(),
                        GUID,
                        NAME,
                        SqlCondition.ALL,
                        QueryOptions.DEFAULT_ORDER,
                        0,
                        null))
                .isEmpty();
    }

    @Test
    void tenant_names_compare_case_sensitively_and_guids_in_any_case() {
        List<ReportRow> rows = rows();

        assertThat(select(rows, "TenantName eq 'Contoso.example'")).hasSize(rows.size());
        assertThat(select(rows, "TenantName eq 'contoso.example'")).isEmpty();
        assertThat(select(rows, "TenantName eq 'CONTOSO.EXAMPLE'")).isEmpty();
        assertThat(select(rows, "TenantName gt 'Contoso.exampld' and TenantName lt 'Contoso.examplf'"))
                .hasSize(rows.size());
        assertThat(select(rows, "TenantName eq 'Contoso.example '")).isEmpty();
        assertThat(select(rows, "TenantGuid eq guid'16A58F78-539F-47F7-B9BF-02A63867D73B'"))
                .hasSize(rows.size());
        assertThat(select(rows, "TenantGuid eq '16a58f78-539f-47f7-b9bf-02a63867d73b'"))
                .hasSize(rows.size());
        assertThat(select(rows, "TenantGuid ne guid'16a58f78-539f-47f7-b9bf-02a63867d73b'"))
                .isEmpty();
    }

    @Test
    void a_name_with_quotes_and_sql_is_only_ever_a_value() {
        String hostile = "o'brien\\'; DROP TABLE tenant; --";
        List<ReportRow> rows = rows().subList(0, 3);

        assertThat(repository.select(
                        ReportKind.ACTIVE_USER,
                        rows,
                        GUID,
                        hostile,
                        SqlCondition.of(parse("TenantName eq 'o''brien\\''; DROP TABLE tenant; --'")),
                        QueryOptions.DEFAULT_ORDER,
                        0,
                        null))
                .hasSize(3);
        assertThat(repository.select(
                        ReportKind.ACTIVE_USER,
                        rows,
                        GUID,
                        "x",
                        SqlCondition.of(parse("TenantName eq 'x'' OR ''1''=''1'")),
                        QueryOptions.DEFAULT_ORDER,
                        0,
                        null))
                .isEmpty();
    }

    @Test
    void dates_compare_to_the_fraction_of_a_second_and_short_dates_read_month_first() {
        List<ReportRow> rows = rows();
        LocalDateTime third = rows.get(2).date();

        assertThat(select(rows, "Date eq datetime'" + third + "'")).containsExactly(rows.get(2));
        assertThat(select(
                        rows,
                        "Date lt datetime'" + third.plusNanos(1000) + "' and Date gt datetime'" + third.minusNanos(1000)
                                + "'"))
                .containsExactly(rows.get(2));
        assertThat(select(
                        rows,
                        "Date eq '"
                                + String.format(
                                        Locale.ROOT,
                                        "%02d/%02d/%d",
                                        third.getMonthValue(),
                                        third.getDayOfMonth(),
                                        third.getYear())
                                + "'"))
                .containsExactly(rows.get(2));
        assertThat(select(
                        rows,
                        "Date le '" + third.getMonthValue() + "/" + third.getDayOfMonth() + "/" + third.getYear()
                                + " 12:00 AM'"))
                .containsExactlyElementsOf(rows.subList(0, 3));
    }

    @Test
    void extreme_values_compare_without_errors() {
        List<ReportRow> rows = rows();

        assertThat(select(rows, "Date ge datetime'0001-01-01T00:00:00'")).hasSize(rows.size());
        assertThat(select(rows, "Date lt datetime'9999-12-31T23:59:59.9999999'"))
                .hasSize(rows.size());
        assertThat(select(rows, "ID gt -9223372036854775808 and ID le 9223372036854775807L"))
                .hasSize(rows.size());
        assertThat(select(rows, "ActiveUsers lt -9223372036854775808")).isEmpty();
        assertThat(select(rows, "TenantName eq '\uD83D\uDE00 \u00fc\u00e9 \u4e2d' or TenantName eq ''"))
                .isEmpty();
        assertThat(select(rows, "TenantName lt '" + "z".repeat(5000) + "'")).hasSize(rows.size());
        assertThat(repository.select(
                        ReportKind.ACTIVE_USER,
                        rows,
                        GUID,
                        NAME,
                        SqlCondition.ALL,
                        QueryOptions.DEFAULT_ORDER,
                        Long.MAX_VALUE,
                        Long.MAX_VALUE))
                .isEmpty();
    }

    private List<ReportRow> select(List<ReportRow> rows, String filter) {
        return repository.select(
                ReportKind.ACTIVE_USER,
                rows,
                GUID,
                NAME,
                SqlCondition.of(parse(filter)),
                QueryOptions.DEFAULT_ORDER,
                0,
                null);
    }

    // A random $filter as text, so the parser is in the loop too

    private String randomFilter(int depth) {
        int choice = depth == 0 ? 0 : random.nextInt(6);
        return switch (choice) {
            case 1 -> "(" + randomFilter(depth - 1) + ") and (" + randomFilter(depth - 1) + ")";
            case 2 -> randomFilter(depth - 1) + " or " + randomFilter(depth - 1);
            case 3 -> "not (" + randomFilter(depth - 1) + ")";
            case 4 -> randomFilter(depth - 1) + " and " + randomFilter(depth - 1) + " or " + randomFilter(depth - 1);
            default -> randomComparison();
        };
    }

    private String randomComparison() {
        String operator = ComparisonOperator.values()[random.nextInt(6)].odataName();
        String[] comparison = switch (random.nextInt(6)) {
            case 0, 1 ->
                new String[] {"ActiveUsers", String.valueOf(random.nextInt(7)) + (random.nextBoolean() ? "L" : "")};
            case 2 -> new String[] {"ID", String.valueOf(2915 + random.nextInt(130))};
            case 3 -> {
                LocalDateTime date = FIRST.plusDays(random.nextInt(900)).plusHours(random.nextInt(3) == 0 ? 12 : 0);
                yield new String[] {
                    "Date",
                    random.nextBoolean()
                            ? "datetime'" + date + ":00'"
                            : "'" + date.getMonthValue() + "/" + date.getDayOfMonth() + "/" + date.getYear() + "'"
                };
            }
            case 4 ->
                new String[] {
                    "TenantName",
                    "'"
                            + List.of("Contoso.example", "contoso.example", "B", "d")
                                    .get(random.nextInt(4)) + "'"
                };
            default ->
                new String[] {
                    "TenantGuid",
                    random.nextBoolean() ? "guid'" + GUID + "'" : "guid'" + new UUID(random.nextLong(), 1) + "'"
                };
        };
        return random.nextBoolean()
                ? comparison[0] + " " + operator + " " + comparison[1]
                : comparison[1] + " "
                        + ComparisonOperator.byName(operator)
                                .orElseThrow()
                                .swapped()
                                .odataName() + " " + comparison[0];
    }

    private List<OrderKey> randomOrder() {
        List<OrderKey> keys = new ArrayList<>();
        int count = random.nextInt(3);
        for (int i = 0; i < count; i++) {
            keys.add(new OrderKey(ReportKind.ACTIVE_USER.fields().get(random.nextInt(5)), random.nextBoolean()));
        }
        return keys.isEmpty() ? QueryOptions.DEFAULT_ORDER : keys;
    }

    // The same selection in Java

    private static boolean matches(FilterExpression expression, ReportRow row) {
        if (expression instanceof Or or) {
            return matches(or.left(), row) || matches(or.right(), row);
        }
        if (expression instanceof And and) {
            return matches(and.left(), row) && matches(and.right(), row);
        }
        if (expression instanceof Not not) {
            return !matches(not.operand(), row);
        }
        Comparison comparison = (Comparison) expression;
        int order = switch (comparison.field()) {
            case ACTIVE_USERS -> Long.compare(activeUsers(row), ((Literal.Int64) comparison.value()).value());
            case ID -> Long.compare(row.id(), ((Literal.Int64) comparison.value()).value());
            case DATE -> row.date().compareTo(((Literal.DateTime) comparison.value()).value());
            case TENANT_NAME -> Integer.signum(NAME.compareTo(((Literal.Text) comparison.value()).value()));
            case TENANT_GUID ->
                Integer.signum(GUID.toString()
                        .compareTo(((Literal.Guid) comparison.value()).value().toString()));
            default -> throw new IllegalArgumentException("Not a CsActiveUser* field: " + comparison.field());
        };
        return switch (comparison.operator()) {
            case EQ -> order == 0;
            case NE -> order != 0;
            case GT -> order > 0;
            case GE -> order >= 0;
            case LT -> order < 0;
            case LE -> order <= 0;
        };
    }

    private static Comparator<ReportRow> comparator(List<OrderKey> keys) {
        Comparator<ReportRow> comparator = (a, b) -> 0;
        for (OrderKey key : keys) {
            Comparator<ReportRow> one = switch (key.field()) {
                case ACTIVE_USERS -> Comparator.comparingLong(RwsRowSelectionIT::activeUsers);
                case ID -> Comparator.comparingLong(ReportRow::id);
                case DATE -> Comparator.comparing(ReportRow::date);
                default -> (a, b) -> 0;
            };
            comparator = comparator.thenComparing(key.descending() ? one.reversed() : one);
        }
        return comparator.thenComparingLong(ReportRow::id);
    }

    private static ReportRow row(long id, LocalDateTime end, long activeUsers) {
        return new ReportRow(id, end, java.util.Map.of(ReportField.ACTIVE_USERS, activeUsers));
    }

    private static long activeUsers(ReportRow row) {
        return row.figure(ReportField.ACTIVE_USERS);
    }

    private static FilterExpression parse(String filter) {
        return FilterParser.parse(filter, ReportKind.ACTIVE_USER);
    }
}
