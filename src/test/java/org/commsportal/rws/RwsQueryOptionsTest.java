package org.commsportal.rws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Parsing and validating the query options of a feed request. */
class RwsQueryOptionsTest {

    @Test
    void without_options_every_property_comes_in_the_documented_order_by_date_as_atom() {
        QueryOptions options = parse(Map.of(), null);

        assertThat(options.select())
                .containsExactly(
                        ReportField.ACTIVE_USERS,
                        ReportField.DATE,
                        ReportField.ID,
                        ReportField.TENANT_GUID,
                        ReportField.TENANT_NAME);
        assertThat(options.filter()).isNull();
        assertThat(options.orderBy()).containsExactly(new OrderKey(ReportField.DATE, false));
        assertThat(options.top()).isNull();
        assertThat(options.skip()).isZero();
        assertThat(options.format()).isEqualTo(ODataFormat.ATOM);
        assertThat(options.describe()).isEqualTo("no options");
    }

    @Test
    void select_keeps_its_order_drops_repeats_and_reads_active_users_count_as_active_users() {
        assertThat(parse(Map.of("$select", "Date, ActiveUsersCount,Date"), null).select())
                .containsExactly(ReportField.DATE, ReportField.ACTIVE_USERS);
        assertThat(parse(Map.of("$select", "*"), null).select()).hasSize(5);
        assertThat(parse(Map.of("$select", "TenantName,*"), null).select())
                .hasSize(5)
                .startsWith(ReportField.ACTIVE_USERS);
    }

    @Test
    void orderby_takes_several_keys_each_with_an_optional_direction() {
        assertThat(parse(Map.of("$orderby", "ActiveUsers desc, Date,ID asc"), null)
                        .orderBy())
                .containsExactly(
                        new OrderKey(ReportField.ACTIVE_USERS, true),
                        new OrderKey(ReportField.DATE, false),
                        new OrderKey(ReportField.ID, false));
        assertThat(new OrderKey(ReportField.ACTIVE_USERS, true).sql()).isEqualTo("r.active_users DESC");
    }

    @Test
    void top_and_skip_are_whole_numbers_from_zero() {
        QueryOptions options = parse(Map.of("$top", "0", "$skip", "9223372036854775807"), null);

        assertThat(options.top()).isZero();
        assertThat(options.skip()).isEqualTo(Long.MAX_VALUE);
    }

    @ParameterizedTest
    @CsvSource({
        "Json, JSON",
        "json, JSON",
        "JSON, JSON",
        "application/json, JSON",
        "Atom, ATOM",
        "atom, ATOM",
        "application/atom+xml, ATOM",
        "Application/Atom+XML, ATOM"
    })
    void format_names_json_or_atom_in_any_case(String format, ODataFormat expected) {
        assertThat(parse(Map.of("$format", format), "application/json").format())
                .isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            value = {
                "application/json                                  | JSON",
                "application/json;odata=verbose                    | JSON",
                "application/atom+xml, application/json            | ATOM",
                "*/*                                               | ATOM",
                "application/xml                                   | ATOM"
            })
    void without_format_an_accept_header_asking_for_json_only_gives_json(String accept, ODataFormat expected) {
        assertThat(parse(Map.of(), accept).format()).isEqualTo(expected);
    }

    @Test
    void the_options_are_described_for_the_audit_trail_as_given() {
        Map<String, String> given = new LinkedHashMap<>();
        given.put("$filter", "ID gt 5");
        given.put("$top", "3");

        assertThat(parse(given, null).describe()).isEqualTo("$filter=ID gt 5 $top=3");
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '"',
            value = {
                "$select    | Foo             | Unknown property 'Foo' in $select",
                "$select    | date            | Unknown property 'date' in $select",
                "$select    | Date,,ID        | $select 'Date,,ID' has an empty item",
                "$select    | \"\"              | $select '' has an empty item",
                "$orderby   | Foo desc        | Unknown property 'Foo' in $orderby",
                "$orderby   | Date up         | Invalid sort direction 'up' after Date in $orderby",
                "$orderby   | Date DESC       | Invalid sort direction 'DESC' after Date",
                "$orderby   | Date asc desc   | Invalid sort direction 'asc desc' after Date",
                "$orderby   | Date,           | $orderby 'Date,' has an empty key",
                "$top       | -1              | Invalid $top '-1'",
                "$top       | ten             | Invalid $top 'ten'",
                "$top       | +1              | Invalid $top '+1'",
                "$top       | \"\"              | Invalid $top ''",
                "$skip      | 1.5             | Invalid $skip '1.5'",
                "$skip      | 99999999999999999999 | $skip '99999999999999999999' is too large",
                "$format    | xml             | Unsupported $format 'xml'",
                "$format    | \"\"              | Unsupported $format ''",
                "$expand    | Foo             | Unsupported query option $expand",
                "$inlinecount | allpages      | Unsupported query option $inlinecount",
                "$Filter    | ID eq 1         | Unsupported query option $Filter",
                "foo        | bar             | Unknown query parameter 'foo'",
                "$filter    | ID eq           | Missing operand"
            })
    void bad_options_are_refused_naming_the_option_and_the_bad_part(String name, String value, String expected) {
        assertThatThrownBy(() -> parse(Map.of(name, value), null))
                .isInstanceOfSatisfying(ODataException.class, refusal -> {
                    assertThat(refusal.status().value()).isEqualTo(400);
                    assertThat(refusal.getMessage()).contains(expected);
                });
    }

    @Test
    void a_repeated_option_is_refused_naming_it() {
        assertThatThrownBy(() ->
                        QueryOptions.parse(Map.of("$top", new String[] {"1", "2"}), null, ReportKind.ACTIVE_USER))
                .isInstanceOf(ODataException.class)
                .hasMessageContaining("$top is given 2 times");
    }

    @Test
    void the_service_document_takes_format_only_and_metadata_nothing() {
        assertThat(QueryOptions.formatOnly(Map.of("$format", new String[] {"json"}), null))
                .isEqualTo(ODataFormat.JSON);
        assertThatThrownBy(() -> QueryOptions.formatOnly(Map.of("$top", new String[] {"1"}), null))
                .isInstanceOf(ODataException.class)
                .hasMessageContaining("$top");
        assertThatThrownBy(() -> QueryOptions.none(Map.of("$format", new String[] {"json"}), "$metadata"))
                .isInstanceOf(ODataException.class)
                .hasMessageContaining("$format");
    }

    private static QueryOptions parse(Map<String, String> options, String accept) {
        Map<String, String[]> parameters = new LinkedHashMap<>();
        options.forEach((name, value) -> parameters.put(name, new String[] {value}));
        return QueryOptions.parse(parameters, accept, ReportKind.ACTIVE_USER);
    }

    @Test
    void the_format_of_an_error_answer_never_fails() {
        assertThat(ODataFormat.forError("bogus", "application/json")).isEqualTo(ODataFormat.ATOM);
        assertThat(ODataFormat.forError(null, "application/json")).isEqualTo(ODataFormat.JSON);
        assertThat(ODataFormat.forError("json", null)).isEqualTo(ODataFormat.JSON);
        assertThat(List.of(ODataFormat.values())).hasSize(2);
    }
}
