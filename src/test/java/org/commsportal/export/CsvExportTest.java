package org.commsportal.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.commsportal.export.Rows.columns;
import static org.commsportal.export.Rows.row;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvExportTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void the_file_starts_with_a_byte_order_mark_then_the_header_and_every_record_ends_with_crlf() throws IOException {
        byte[] file = csv(columns("User", "Sessions"), row("ann", 3), row("bob", 4));

        assertThat(Arrays.copyOf(file, 3)).containsExactly(0xEF, 0xBB, 0xBF);
        assertThat(text(file)).isEqualTo("User,Sessions\r\nann,3\r\nbob,4\r\n");
    }

    @Test
    void fields_with_a_comma_quote_or_line_break_are_quoted_with_inner_quotes_doubled() throws IOException {
        String file = text(csv(
                columns("Name, full", "Note"),
                row("Doe, Jane", "say \"hi\""),
                row("two\nlines", "cr\rhere"),
                row("plain", "crlf\r\nend")));

        assertThat(file)
                .isEqualTo("\"Name, full\",Note\r\n"
                        + "\"Doe, Jane\",\"say \"\"hi\"\"\"\r\n"
                        + "\"two\nlines\",\"cr\rhere\"\r\n"
                        + "plain,\"crlf\r\nend\"\r\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"=cmd|' /C calc'!A0", "+1+2", "-2+3", "@SUM(A1)", "\t=1", "\r=1"})
    void text_cells_starting_with_a_formula_character_get_a_quote_prefix(String text) throws IOException {
        String file = text(csv(columns("Name"), row(text)));

        String field = text.startsWith("\r") ? "\"'" + text + "\"" : "'" + text;
        assertThat(file).isEqualTo("Name\r\n" + field + "\r\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+1425555xxxx", "+14255550123", "+44xxxx"})
    void telephone_numbers_of_a_plus_digits_and_x_are_written_as_they_are(String number) throws IOException {
        assertThat(text(csv(columns("To Tel number"), row(number)))).isEqualTo("To Tel number\r\n" + number + "\r\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"+1425555xxxx+cmd|' /C calc'!A0", "+1x2", "+HYPERLINK(\"x\")", "+", "+ 1425555"})
    void text_that_only_starts_like_a_telephone_number_still_gets_the_quote(String text) throws IOException {
        assertThat(text(csv(columns("Name"), row(text)))).startsWith("Name\r\n").contains("'+");
    }

    @Test
    void negative_numbers_are_numbers_and_keep_their_minus_sign() throws IOException {
        String file =
                text(csv(columns("Long", "Integer", "Double", "Decimal"), row(-5L, -7, -1.5, new BigDecimal("-0.25"))));

        assertThat(file).endsWith("\r\n-5,-7,-1.5,-0.25\r\n");
    }

    @Test
    void text_that_merely_contains_a_formula_character_is_left_alone() throws IOException {
        assertThat(text(csv(columns("Name"), row("a=b -c @d")))).endsWith("\r\na=b -c @d\r\n");
    }

    @Test
    void null_cells_are_empty_fields() throws IOException {
        assertThat(text(csv(columns("A", "B", "C"), row(null, "x", null)))).endsWith("\r\n,x,\r\n");
    }

    @Test
    void numbers_are_plain_without_grouping_or_exponent_and_booleans_read_yes_or_no() throws IOException {
        String file = text(csv(
                columns("Big", "Small", "Whole", "Fraction", "Decimal", "Deleted", "Active"),
                row(1234567890123L, 0.00001, 12.0, 0.1, new BigDecimal("1E+3"), true, false)));

        assertThat(file).endsWith("\r\n1234567890123,0.00001,12,0.1,1000,Yes,No\r\n");
    }

    @Test
    void numbers_without_a_value_such_as_nan_are_empty_fields() throws IOException {
        String file = text(csv(columns("A", "B", "C"), row(Double.NaN, Double.POSITIVE_INFINITY, Float.NaN)));

        assertThat(file).endsWith("\r\n,,\r\n");
    }

    @Test
    void dates_are_iso_and_instants_are_local_date_times_in_the_given_zone() throws IOException {
        String file = text(csv(
                columns("Day", "Start"),
                row(LocalDate.of(2026, 11, 2), Instant.parse("2026-11-01T23:30:00Z")),
                row(LocalDate.of(2026, 7, 1), Instant.parse("2026-07-01T10:00:00.750Z"))));

        assertThat(file).isEqualTo("Day,Start\r\n2026-11-02,2026-11-02T00:30:00\r\n2026-07-01,2026-07-01T12:00:00\r\n");
    }

    @Test
    void rows_written_counts_data_rows_but_not_the_header() throws IOException {
        var out = new ByteArrayOutputStream();
        try (TableWriter<List<@Nullable Object>> writer =
                TableExports.open(ExportFormat.CSV, out, "Sheet", columns("A"), BERLIN)) {
            assertThat(writer.rowsWritten()).isZero();
            writer.write(row("x"));
            writer.write(row("y"));
            assertThat(writer.rowsWritten()).isEqualTo(2);
        }
    }

    @Test
    void closing_flushes_the_file_but_leaves_the_callers_stream_open() throws IOException {
        var out = new CountingOutputStream();
        TableWriter<List<@Nullable Object>> writer =
                TableExports.open(ExportFormat.CSV, out, "Sheet", columns("A"), BERLIN);
        writer.write(row("x"));
        writer.close();

        assertThat(out.bytes()).isEqualTo("\uFEFFA\r\nx\r\n".getBytes(StandardCharsets.UTF_8).length);
        assertThat(out.closed()).isFalse();
        assertThatThrownBy(() -> writer.write(row("y"))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void a_cell_of_an_unsupported_type_fails_naming_its_column() throws IOException {
        var out = new ByteArrayOutputStream();
        try (TableWriter<List<@Nullable Object>> writer =
                TableExports.open(ExportFormat.CSV, out, "Sheet", columns("Start"), ZoneOffset.UTC)) {
            assertThatThrownBy(() -> writer.write(row(LocalDateTime.of(2026, 1, 1, 0, 0))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("\"Start\"")
                    .hasMessageContaining("LocalDateTime");
        }
    }

    @Test
    void an_export_without_columns_is_refused() {
        assertThatThrownBy(() -> TableExports.open(
                        ExportFormat.CSV, new ByteArrayOutputStream(), "Sheet", columns(), ZoneOffset.UTC))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @SafeVarargs
    private static byte[] csv(List<ExportColumn<List<@Nullable Object>>> columns, List<@Nullable Object>... rows)
            throws IOException {
        var out = new ByteArrayOutputStream();
        try (TableWriter<List<@Nullable Object>> writer =
                TableExports.open(ExportFormat.CSV, out, "Sheet", columns, BERLIN)) {
            for (List<@Nullable Object> row : rows) {
                writer.write(row);
            }
        }
        return out.toByteArray();
    }

    /** The file's text after its byte order mark. */
    private static String text(byte[] file) {
        return new String(file, 3, file.length - 3, StandardCharsets.UTF_8);
    }
}
