package org.commsportal.rws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.commsportal.rws.FilterExpression.And;
import org.commsportal.rws.FilterExpression.Comparison;
import org.commsportal.rws.FilterExpression.Not;
import org.commsportal.rws.FilterExpression.Or;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** The $filter lexer, parser, type check and SQL translation, without a database. */
class RwsFilterTest {

    private static final LocalDateTime MAY_1 = LocalDateTime.of(2013, 5, 1, 0, 0);
    private static final Comparison USERS_EQ_1 =
            new Comparison(ReportField.ACTIVE_USERS, ComparisonOperator.EQ, new Literal.Int64(1));
    private static final Comparison ID_EQ_2 =
            new Comparison(ReportField.ID, ComparisonOperator.EQ, new Literal.Int64(2));
    private static final Comparison DATE_EQ_MAY_1 =
            new Comparison(ReportField.DATE, ComparisonOperator.EQ, new Literal.DateTime(MAY_1));

    @Test
    void and_binds_tighter_than_or() {
        assertThat(parse("ActiveUsers eq 1 or ID eq 2 and Date eq datetime'2013-05-01T00:00:00'"))
                .isEqualTo(new Or(USERS_EQ_1, new And(ID_EQ_2, DATE_EQ_MAY_1)));
        assertThat(parse("ActiveUsers eq 1 and ID eq 2 or Date eq datetime'2013-05-01T00:00:00'"))
                .isEqualTo(new Or(new And(USERS_EQ_1, ID_EQ_2), DATE_EQ_MAY_1));
    }

    @Test
    void not_binds_tighter_than_and_and_applies_to_the_comparison_after_it() {
        assertThat(parse("not ActiveUsers eq 1 and ID eq 2")).isEqualTo(new And(new Not(USERS_EQ_1), ID_EQ_2));
        assertThat(parse("not not ActiveUsers eq 1")).isEqualTo(new Not(new Not(USERS_EQ_1)));
    }

    @Test
    void parentheses_override_precedence() {
        assertThat(parse("(ActiveUsers eq 1 or ID eq 2) and Date eq datetime'2013-05-01'"))
                .isEqualTo(new And(new Or(USERS_EQ_1, ID_EQ_2), DATE_EQ_MAY_1));
        assertThat(parse("not (ActiveUsers eq 1 or ((ID eq 2)))")).isEqualTo(new Not(new Or(USERS_EQ_1, ID_EQ_2)));
    }

    @Test
    void and_and_or_associate_to_the_left() {
        assertThat(parse("ActiveUsers eq 1 or ID eq 2 or Date eq datetime'2013-05-01'"))
                .isEqualTo(new Or(new Or(USERS_EQ_1, ID_EQ_2), DATE_EQ_MAY_1));
    }

    @ParameterizedTest
    @EnumSource(ComparisonOperator.class)
    void every_comparison_operator_becomes_its_sql_operator_with_a_bound_value(ComparisonOperator operator) {
        SqlCondition sql = SqlCondition.of(parse("ActiveUsers " + operator.odataName() + " 7"));

        assertThat(sql.sql()).isEqualTo("r.active_users " + operator.sql() + " :f0");
        assertThat(sql.parameters()).isEqualTo(Map.of("f0", 7L));
    }

    @ParameterizedTest
    @EnumSource(ComparisonOperator.class)
    void a_value_on_the_left_is_the_same_comparison_with_the_operator_mirrored(ComparisonOperator operator) {
        FilterExpression valueFirst = parse("7 " + operator.odataName() + " ActiveUsers");
        FilterExpression fieldFirst = parse("ActiveUsers " + operator.swapped().odataName() + " 7");

        assertThat(valueFirst).isEqualTo(fieldFirst);
        assertThat(parse("datetime'2013-05-01' " + operator.odataName() + " Date"))
                .isEqualTo(new Comparison(ReportField.DATE, operator.swapped(), new Literal.DateTime(MAY_1)));
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "Date eq datetime'2013-05-01T00:00:00'       | 2013-05-01T00:00",
                "Date eq datetime'2013-05-01T16:55'          | 2013-05-01T16:55",
                "Date eq datetime'2013-05-01T16:55:07.1234567' | 2013-05-01T16:55:07.123456700",
                "Date eq datetime'2013-05-01'                | 2013-05-01T00:00",
                "Date eq DateTime'2013-05-01'                | 2013-05-01T00:00",
                "Date eq '2013-05-01'                        | 2013-05-01T00:00",
                "Date eq '05/01/2013'                        | 2013-05-01T00:00",
                "Date eq '5/1/2013'                          | 2013-05-01T00:00",
                "Date eq '05/01/2013 4:55 PM'                | 2013-05-01T16:55",
                "Date eq '05/01/2013 4:55 am'                | 2013-05-01T04:55",
                "Date eq '05/01/2013 12:00 AM'               | 2013-05-01T00:00",
                "Date eq '05/01/2013 16:55:30'               | 2013-05-01T16:55:30",
                "Date eq '2013-05-01T16:55:30'               | 2013-05-01T16:55:30"
            })
    void date_literals_and_short_date_strings_become_wall_clock_times(String filter, LocalDateTime expected) {
        assertThat(parse(filter))
                .isEqualTo(new Comparison(ReportField.DATE, ComparisonOperator.EQ, new Literal.DateTime(expected)));
    }

    @Test
    void whole_numbers_take_an_optional_l_suffix_and_a_sign() {
        assertThat(parse("ID eq 72L"))
                .isEqualTo(new Comparison(ReportField.ID, ComparisonOperator.EQ, new Literal.Int64(72)));
        assertThat(parse("ID eq 72l")).isEqualTo(parse("ID eq 72"));
        assertThat(parse("ID gt -3"))
                .isEqualTo(new Comparison(ReportField.ID, ComparisonOperator.GT, new Literal.Int64(-3)));
        assertThat(parse("ID le 9223372036854775807"))
                .isEqualTo(new Comparison(ReportField.ID, ComparisonOperator.LE, new Literal.Int64(Long.MAX_VALUE)));
    }

    @Test
    void strings_double_a_quote_to_contain_one() {
        assertThat(parse("TenantName eq 'o''brien.example'"))
                .isEqualTo(new Comparison(
                        ReportField.TENANT_NAME, ComparisonOperator.EQ, new Literal.Text("o'brien.example")));
        assertThat(parse("TenantName eq ''"))
                .isEqualTo(new Comparison(ReportField.TENANT_NAME, ComparisonOperator.EQ, new Literal.Text("")));
    }

    @Test
    void a_guid_is_a_guid_literal_or_a_string_holding_one_and_binds_in_lower_case() {
        UUID guid = UUID.fromString("16a58f78-539f-47f7-b9bf-02a63867d73b");
        Comparison expected = new Comparison(ReportField.TENANT_GUID, ComparisonOperator.EQ, new Literal.Guid(guid));

        assertThat(parse("TenantGuid eq guid'16A58F78-539F-47F7-B9BF-02A63867D73B'"))
                .isEqualTo(expected);
        assertThat(parse("TenantGuid eq '16a58f78-539f-47f7-b9bf-02a63867d73b'"))
                .isEqualTo(expected);
        assertThat(SqlCondition.of(expected).parameters()).containsEntry("f0", "16a58f78-539f-47f7-b9bf-02a63867d73b");
    }

    @Test
    void active_users_count_is_an_alias_of_active_users() {
        assertThat(parse("ActiveUsersCount eq 1")).isEqualTo(USERS_EQ_1);
    }

    @Test
    void a_whole_tree_becomes_sql_of_columns_operators_and_numbered_placeholders_only() {
        SqlCondition sql = SqlCondition.of(parse("not (ActiveUsers ge 3 or TenantName ne 'a''b') and "
                + "Date lt '05/15/2013' and TenantGuid eq guid'16a58f78-539f-47f7-b9bf-02a63867d73b' or ID le 5"));

        assertThat(sql.sql())
                .isEqualTo("(((NOT ((r.active_users >= :f0 OR t.tenant_name <> :f1)) AND r.period_end < :f2)"
                        + " AND t.tenant_guid = :f3) OR r.id <= :f4)");
        assertThat(sql.parameters())
                .isEqualTo(Map.of(
                        "f0",
                        3L,
                        "f1",
                        "a'b",
                        "f2",
                        LocalDateTime.of(2013, 5, 15, 0, 0),
                        "f3",
                        "16a58f78-539f-47f7-b9bf-02a63867d73b",
                        "f4",
                        5L));
    }

    @Test
    void values_that_look_like_sql_stay_in_the_parameters() {
        SqlCondition sql = SqlCondition.of(
                parse("TenantName eq 'x'' OR 1=1; DROP TABLE tenant; --' or TenantName eq '\\' and ID eq 1"));

        assertThat(sql.sql()).matches("[a-z_. ()<>=!:0-9A-Z]*").doesNotContain("DROP", "1=1", "--", "'", ";", "\\");
        assertThat(sql.sql()).isEqualTo("(t.tenant_name = :f0 OR (t.tenant_name = :f1 AND r.id = :f2))");
        assertThat(sql.parameters())
                .containsEntry("f0", "x' OR 1=1; DROP TABLE tenant; --")
                .containsEntry("f1", "\\");
    }

    @Test
    void the_lexer_gives_positions_from_one_and_ends_with_an_end_token() {
        List<FilterToken> tokens = FilterLexer.lex(" (ID eq 5L)");

        assertThat(tokens)
                .extracting(FilterToken::kind)
                .containsExactly(
                        FilterToken.Kind.OPEN,
                        FilterToken.Kind.NAME,
                        FilterToken.Kind.NAME,
                        FilterToken.Kind.LITERAL,
                        FilterToken.Kind.CLOSE,
                        FilterToken.Kind.END);
        assertThat(tokens).extracting(FilterToken::position).containsExactly(2, 3, 6, 9, 11, 12);
        assertThat(tokens.get(3).text()).isEqualTo("5L");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "Foo eq 1                                   | 'Foo' at position 1",
                "date eq datetime'2013-05-01'               | 'date' at position 1",
                "ActiveUsers eq                             | Missing operand at the end of $filter (position 15)",
                "eq 5                                       | Missing operand before 'eq' at position 1",
                "ActiveUsers eq 5 and                       | Missing operand at the end",
                "ActiveUsers eq 5 and or ID eq 1            | Missing operand before 'or' at position 22",
                "ActiveUsers                                | after 'ActiveUsers' at position 1 at the end",
                "TenantName eq 'abc                         | Unclosed quote: the string starting at position 15",
                "(ActiveUsers eq 5                          | Unclosed parenthesis: the '(' at position 1",
                "ActiveUsers eq 5)                          | ')' at position 17 of $filter closes no '('",
                "ActiveUsers eq 5 ID eq 1                   | Unexpected 'ID' at position 18",
                "ActiveUsers eq 5 5                         | Unexpected '5' at position 18",
                "ActiveUsers eq datetime'2013-05-01'        | ActiveUsers (Edm.Int64) cannot be compared with datetime'2013-05-01' at position 16",
                "Date eq 5                                  | Date (Edm.DateTime) cannot be compared with '5' at position 9",
                "TenantName eq 5                            | TenantName (Edm.String) cannot be compared with '5' at position 15",
                "TenantGuid eq 5                            | TenantGuid (Edm.Guid) cannot be compared with '5' at position 15",
                "ID eq '72'                                 | ID (Edm.Int64) cannot be compared with '72' at position 7",
                "ActiveUsers eq 1.5                         | '1.5' at position 16",
                "Date eq 'yesterday'                        | Invalid date 'yesterday' at position 9",
                "Date eq '13/01/2013'                       | Invalid date '13/01/2013' at position 9",
                "Date eq datetime'2013-02-30T00:00:00'      | Invalid datetime literal datetime'2013-02-30T00:00:00' at position 9",
                "Date eq datetime'2013-05-01T25:00:00'      | Invalid datetime literal datetime'2013-05-01T25:00:00' at position 9",
                "Date eq datetime'yesterday'                | Invalid datetime literal datetime'yesterday' at position 9",
                "TenantGuid eq guid'not-a-guid'             | Invalid guid literal guid'not-a-guid' at position 15",
                "TenantGuid eq 'not-a-guid'                 | Invalid guid 'not-a-guid' at position 15",
                "Date eq datetimeoffset'2013-05-01T00:00:00Z' | Unsupported literal datetimeoffset'2013-05-01T00:00:00Z' at position 9",
                "substringof('contoso', TenantName)         | Unsupported function 'substringof' at position 1",
                "year(Date) eq 2013                         | Unsupported function 'year' at position 1",
                "ActiveUsers add 1 eq 2                     | Unsupported operator 'add' at position 13",
                "ActiveUsers EQ 1                           | Unsupported operator 'EQ' at position 13",
                "ActiveUsers and ID eq 1                    | after 'ActiveUsers' at position 1 but found 'and' at position 13",
                "ActiveUsers eq ID                          | compares two fields ('ActiveUsers' at position 1 and 'ID' at position 16)",
                "1 eq 1                                     | compares two values ('1' at position 1 and '1' at position 6)",
                "TenantName eq null                         | Unsupported literal 'null' at position 15",
                "ID eq 99999999999999999999                 | '99999999999999999999' at position 7 of $filter is out of the range of Edm.Int64",
                "ID eq 12abc                                | Invalid number '12abc' at position 7",
                "ID eq 5 && ID eq 6                         | Unexpected character '&' at position 9",
                "Date/Year eq 2013                          | Unexpected character '/' at position 5",
                "()                                         | Missing operand before ')' at position 2",
                "'                                          | Unclosed quote: the string starting at position 1"
            })
    void malformed_filters_are_refused_naming_the_token_and_its_position(String filter, String expected) {
        assertThatThrownBy(() -> parse(filter)).isInstanceOfSatisfying(ODataException.class, refusal -> {
            assertThat(refusal.status().value()).isEqualTo(400);
            assertThat(refusal.getMessage()).contains(expected);
        });
    }

    @Test
    void an_empty_filter_is_refused() {
        assertThatThrownBy(() -> parse("  "))
                .isInstanceOf(ODataException.class)
                .hasMessageContaining("$filter is empty");
    }

    @Test
    void nesting_is_limited_so_a_hostile_filter_cannot_exhaust_the_stack() {
        String deep = "(".repeat(5_000) + "ID eq 1" + ")".repeat(5_000);
        String nots = "not ".repeat(5_000) + "ID eq 1";

        assertThatThrownBy(() -> parse(deep))
                .isInstanceOf(ODataException.class)
                .hasMessageContaining("nests too deeply at '(' at position " + (FilterParser.MAX_DEPTH + 1));
        assertThatThrownBy(() -> parse(nots))
                .isInstanceOf(ODataException.class)
                .hasMessageContaining("nests too deeply");
        assertThat(parse("(".repeat(FilterParser.MAX_DEPTH) + "ID eq 1" + ")".repeat(FilterParser.MAX_DEPTH)))
                .isEqualTo(new Comparison(ReportField.ID, ComparisonOperator.EQ, new Literal.Int64(1)));
    }

    @Test
    void control_characters_in_a_bad_token_are_shown_escaped() {
        assertThatThrownBy(() -> parse("Foo\u0001 eq 1"))
                .isInstanceOf(ODataException.class)
                .hasMessageContaining("Unexpected character '\\u0001' at position 4");
    }

    private static FilterExpression parse(String filter) {
        return FilterParser.parse(filter, ReportKind.ACTIVE_USER);
    }
}
