package org.commsportal.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.commsportal.export.Rows.columns;
import static org.commsportal.export.Rows.row;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.zip.ZipFile;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.ReadingOptions;
import org.dhatim.fastexcel.reader.Row;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class XlsxExportTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void the_sheet_holds_the_header_then_every_row_under_the_given_sheet_name() throws IOException {
        byte[] file = xlsx(columns("User", "Sessions"), row("ann", 3), row("bob", 4), row("cy", 5));

        try (var workbook = new ReadableWorkbook(new ByteArrayInputStream(file))) {
            var sheet = workbook.getFirstSheet();
            List<Row> rows = sheet.read();
            assertThat(sheet.getName()).isEqualTo("Per user");
            assertThat(rows).hasSize(4);
            assertThat(texts(rows.get(0))).containsExactly("User", "Sessions");
            assertThat(rows.get(3).getCellText(0)).isEqualTo("cy");
        }
    }

    @Test
    void the_header_row_is_bold(@TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("export.xlsx"), xlsx(columns("User"), row("ann")));

        try (var zip = new ZipFile(file.toFile())) {
            assertThat(entry(zip, "xl/styles.xml")).contains("<b/>");
            assertThat(entry(zip, "xl/worksheets/sheet1.xml"))
                    .containsPattern("<c r=\"A1\" s=\"[1-9]")
                    .doesNotContainPattern("<c r=\"A2\" s=");
        }
    }

    @Test
    void numbers_are_numeric_cells_and_negative_numbers_keep_their_minus_sign() throws IOException {
        byte[] file = xlsx(
                columns("Long", "Integer", "Double", "Decimal"),
                row(1234567890123L, -7, -1.5, new BigDecimal("-0.25")));

        Row row = dataRows(file).get(0);
        assertThat(row.stream().map(cell -> cell.getType())).containsOnly(CellType.NUMBER);
        assertThat(row.getCellAsNumber(0)).contains(new BigDecimal("1234567890123"));
        assertThat(row.getCellAsNumber(1)).contains(new BigDecimal("-7"));
        assertThat(row.getCellAsNumber(2)).contains(new BigDecimal("-1.5"));
        assertThat(row.getCellAsNumber(3)).contains(new BigDecimal("-0.25"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "=cmd|' /C calc'!A0",
                "+1+2",
                "-2+3",
                "@SUM(A1)",
                "\t=1",
                "\r=1",
                "+1425555xxxx",
                "sip:+14255550123@contoso.example;user=phone"
            })
    void text_cells_starting_with_a_formula_character_are_plain_text_cells_never_formulas(
            String text, @TempDir Path dir) throws IOException {
        Path file = Files.write(dir.resolve("export.xlsx"), xlsx(columns("Name"), row(text)));
        Row row = dataRows(Files.readAllBytes(file)).get(0);

        assertThat(row.getCell(0).getType()).isEqualTo(CellType.STRING);
        assertThat(row.getCell(0).getRawValue()).isEqualTo(text);
        try (var zip = new ZipFile(file.toFile())) {
            assertThat(entry(zip, "xl/worksheets/sheet1.xml"))
                    .doesNotContain("<f>")
                    .doesNotContain("<f ");
        }
    }

    @Test
    void text_keeps_characters_that_xml_escapes() throws IOException {
        Row row = dataRows(xlsx(columns("Name"), row("<a & \"b\"> ünïcödé"))).get(0);

        assertThat(row.getCellText(0)).isEqualTo("<a & \"b\"> ünïcödé");
    }

    @Test
    void null_cells_are_empty_booleans_read_yes_or_no_and_numbers_without_a_value_are_empty() throws IOException {
        Row row = dataRows(xlsx(columns("A", "B", "C", "D", "E"), row(null, true, false, Double.NaN, "x")))
                .get(0);

        assertThat(typeOf(row, 0)).isEqualTo(CellType.EMPTY);
        assertThat(row.getCellText(1)).isEqualTo("Yes");
        assertThat(row.getCellText(2)).isEqualTo("No");
        assertThat(typeOf(row, 3)).isEqualTo(CellType.EMPTY);
        assertThat(row.getCellText(4)).isEqualTo("x");
    }

    @Test
    void dates_are_date_cells_and_instants_are_date_time_cells_in_the_given_zone() throws IOException {
        byte[] file = xlsx(
                columns("Day", "Start"),
                row(LocalDate.of(2026, 11, 2), Instant.parse("2026-11-01T23:30:00Z")),
                row(LocalDate.of(2026, 7, 1), Instant.parse("2026-07-01T10:00:59.750Z")));

        try (var workbook = new ReadableWorkbook(new ByteArrayInputStream(file), withFormats())) {
            List<Row> rows = workbook.getFirstSheet().read();
            Row november = rows.get(1);
            assertThat(november.getCellAsDate(0)).contains(LocalDateTime.of(2026, 11, 2, 0, 0));
            assertThat(november.getCell(0).getDataFormatString()).isEqualTo("yyyy-mm-dd");
            assertThat(november.getCellAsDate(1)).contains(LocalDateTime.of(2026, 11, 2, 0, 30));
            assertThat(november.getCell(1).getDataFormatString()).isEqualTo("yyyy-mm-dd hh:mm:ss");
            assertThat(rows.get(2).getCellAsDate(1)).contains(LocalDateTime.of(2026, 7, 1, 12, 0, 59));
        }
    }

    @Test
    void every_date_and_time_cell_keeps_its_format_across_flushes_and_beside_other_cells_in_its_column()
            throws IOException {
        // a column that mixes instants, dates, text and empty cells, over more rows than one flush holds
        List<List<@Nullable Object>> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 2_503; i++) {
            Object mixed = switch (i % 7) {
                case 0 -> null;
                case 1 -> "text " + i;
                case 2 -> LocalDate.of(2026, 1, 1).plusDays(i % 300);
                default -> Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i * 61L);
            };
            rows.add(row(Instant.parse("2026-03-29T00:00:00Z").plusSeconds(i * 59L), mixed, i));
        }
        @SuppressWarnings("unchecked")
        byte[] file = xlsx(columns("Start", "Mixed", "N"), rows.toArray(new List[0]));

        try (var workbook = new ReadableWorkbook(new ByteArrayInputStream(file), withFormats())) {
            List<Row> read = workbook.getFirstSheet().read();
            assertThat(read).hasSize(rows.size() + 1);
            for (int i = 0; i < rows.size(); i++) {
                Row row = read.get(i + 1);
                assertThat(row.getCell(0).getDataFormatString()).as("row %d", i).isEqualTo("yyyy-mm-dd hh:mm:ss");
                assertThat(row.getCellAsDate(0))
                        .as("row %d", i)
                        .contains(LocalDateTime.ofInstant((Instant) rows.get(i).get(0), BERLIN)
                                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
                Object mixed = rows.get(i).get(1);
                if (mixed instanceof Instant) {
                    assertThat(row.getCell(1).getDataFormatString())
                            .as("row %d", i)
                            .isEqualTo("yyyy-mm-dd hh:mm:ss");
                } else if (mixed instanceof LocalDate) {
                    assertThat(row.getCell(1).getDataFormatString())
                            .as("row %d", i)
                            .isEqualTo("yyyy-mm-dd");
                } else if (mixed instanceof String text) {
                    assertThat(row.getCellText(1)).isEqualTo(text);
                    assertThat(row.getCell(1).getDataFormatString())
                            .as("row %d", i)
                            .isNull();
                } else {
                    assertThat(typeOf(row, 1)).as("row %d", i).isEqualTo(CellType.EMPTY);
                }
                assertThat(row.getCell(2).getDataFormatString()).as("row %d", i).isNull();
            }
        }
    }

    @Test
    void repeated_texts_go_to_the_shared_strings_once_and_unique_texts_stay_inline(@TempDir Path dir)
            throws IOException {
        String[] media = {"P2P: Audio", "P2P: Audio, Video", "Conference: IM", "=formula-like", "a < b & c"};
        List<List<@Nullable Object>> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            rows.add(row("dialog-" + i, media[i % media.length], i % 3 == 0));
        }
        @SuppressWarnings("unchecked")
        Path file = Files.write(
                dir.resolve("export.xlsx"), xlsx(columns("Dialog", "Media", "Flag"), rows.toArray(new List[0])));

        List<Row> read = dataRows(Files.readAllBytes(file));
        assertThat(read).hasSize(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            assertThat(texts(read.get(i)))
                    .as("row %d", i)
                    .containsExactly("dialog-" + i, media[i % media.length], i % 3 == 0 ? "Yes" : "No");
        }
        try (var zip = new ZipFile(file.toFile())) {
            String shared = entry(zip, "xl/sharedStrings.xml");
            assertThat(shared)
                    .contains("P2P: Audio, Video", "a &lt; b &amp; c", ">=formula-like<", "Yes")
                    .doesNotContain("dialog-");
            // every media text after its first sighting is a shared-string cell, no longer written out in the sheet
            assertThat(entry(zip, "xl/worksheets/sheet1.xml").split("P2P: Audio, Video", -1))
                    .hasSize(2);
        }
    }

    @Test
    void the_header_row_is_frozen_filters_every_row_and_columns_fit_their_content(@TempDir Path dir)
            throws IOException {
        Path file = Files.write(
                dir.resolve("export.xlsx"),
                xlsx(
                        columns("User", "IM", "Note"),
                        row("a-rather-long-user-name@contoso.example", 3, "x"),
                        row("bob", 12345, "y")));

        try (var zip = new ZipFile(file.toFile())) {
            String sheet = entry(zip, "xl/worksheets/sheet1.xml");
            assertThat(sheet)
                    .containsPattern("<pane [^>]*ySplit=\"1\"[^>]*state=\"frozen\"")
                    .contains("<autoFilter ref=\"A1:C3\"")
                    .contains("<dimension ref=\"A1:C3\"/>");
            assertThat(entry(zip, "xl/workbook.xml")).contains("_xlnm._FilterDatabase");
            var widths = new java.util.HashMap<Integer, Double>();
            var col = java.util.regex.Pattern.compile("<col min=\"(\\d+)\" max=\"\\d+\" width=\"([0-9.]+)\"")
                    .matcher(sheet);
            while (col.find()) {
                widths.put(Integer.parseInt(col.group(1)), Double.parseDouble(col.group(2)));
            }
            assertThat(widths).containsKeys(1, 2, 3);
            assertThat(widths.get(1)).as("the long name fits").isGreaterThanOrEqualTo(38);
            assertThat(widths.get(3)).as("a short column stays narrow").isLessThan(12);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 200, 2_500})
    void each_sheet_states_its_real_used_range_as_its_dimension(int rows, @TempDir Path dir) throws IOException {
        List<String> headers = List.of("A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K");
        var out = new ByteArrayOutputStream();
        try (TableWriter<List<@Nullable Object>> writer = TableExports.open(
                ExportFormat.XLSX,
                out,
                "Per user",
                columns(headers.toArray(String[]::new)),
                BERLIN,
                ExportInfo.of("Report", "Peer-to-peer activity", "Report Period", 30, "Time zone", "UTC"))) {
            for (int r = 0; r < rows; r++) {
                writer.write(row("user" + r, r, 2, 3, 4, 5, 6, 7, 8, 9, LocalDate.of(2026, 11, 1)));
            }
        }
        Path file = Files.write(dir.resolve("export.xlsx"), out.toByteArray());

        try (var zip = new ZipFile(file.toFile())) {
            String sheet = entry(zip, "xl/worksheets/sheet1.xml");
            assertThat(sheet).contains("<dimension ref=\"A1:K" + (rows + 1) + "\"/>");
            assertThat(sheet).contains("<autoFilter ref=\"A1:K" + (rows + 1) + "\"");
            assertThat(entry(zip, "xl/worksheets/sheet2.xml")).contains("<dimension ref=\"A1:B3\"/>");
        }
        assertThat(dataRows(out.toByteArray())).hasSize(rows);
    }

    @Test
    void the_exports_description_follows_on_a_sheet_of_its_own() throws IOException {
        var out = new ByteArrayOutputStream();
        try (TableWriter<List<@Nullable Object>> writer = TableExports.open(
                ExportFormat.XLSX,
                out,
                "Per user",
                columns("User"),
                BERLIN,
                ExportInfo.of(
                        "Report",
                        "Peer-to-peer activity",
                        "Report Refresh Date",
                        LocalDate.parse("2026-11-01"),
                        "Report Period",
                        30,
                        "User name contains",
                        "",
                        "Time zone",
                        "UTC"))) {
            writer.write(row("ann"));
        }

        try (var workbook = new ReadableWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            List<org.dhatim.fastexcel.reader.Sheet> sheets =
                    workbook.getSheets().toList();
            assertThat(sheets)
                    .extracting(org.dhatim.fastexcel.reader.Sheet::getName)
                    .containsExactly("Per user", "Report information");
            List<Row> about = sheets.get(1).read();
            assertThat(about)
                    .extracting(row -> row.getCellText(0))
                    .containsExactly("Report", "Report Refresh Date", "Report Period", "Time zone");
            assertThat(about.get(0).getCellText(1)).isEqualTo("Peer-to-peer activity");
            assertThat(about.get(1).getCellAsDate(1)).contains(LocalDateTime.parse("2026-11-01T00:00"));
            assertThat(about.get(2).getCellAsNumber(1)).contains(new BigDecimal("30"));
        }
    }

    @Test
    void file_names_join_the_given_parts_in_characters_every_system_accepts() {
        assertThat(ExportInfo.fileName(
                        ExportFormat.CSV, "peer-to-peer-activity", "D30", null, "", "user name contains a/b: \"c\""))
                .isEqualTo("peer-to-peer-activity_D30_user-name-contains-a-b-c.csv");
        assertThat(ExportInfo.fileName(ExportFormat.XLSX, "session-details", "ann@contoso.example", "2026-10-01T00:00"))
                .isEqualTo("session-details_ann@contoso.example_2026-10-01T00-00.xlsx");
    }

    @Test
    void the_temporary_file_is_gone_once_the_export_is_closed_even_after_a_failure() throws IOException {
        var out = new ByteArrayOutputStream();
        var writer = (XlsxTableWriter<List<@Nullable Object>>)
                TableExports.open(ExportFormat.XLSX, out, "Sheet", columns("A"), BERLIN);
        writer.write(row("x"));
        Path spool = writer.spoolFile();
        assertThat(spool).exists();
        writer.close();
        assertThat(spool).doesNotExist();

        var failing = (XlsxTableWriter<List<@Nullable Object>>) TableExports.open(
                ExportFormat.XLSX,
                new java.io.OutputStream() {
                    @Override
                    public void write(int b) throws IOException {
                        throw new IOException("the browser went away");
                    }
                },
                "Sheet",
                columns("A"),
                BERLIN);
        failing.write(row("x"));
        org.assertj.core.api.Assertions.assertThatThrownBy(failing::close).isInstanceOf(IOException.class);
        assertThat(failing.spoolFile()).doesNotExist();
    }

    @Test
    void closing_finishes_the_file_but_leaves_the_callers_stream_open() throws IOException {
        var out = new CountingOutputStream();
        try (TableWriter<List<@Nullable Object>> writer =
                TableExports.open(ExportFormat.XLSX, out, "Sheet", columns("A"), BERLIN)) {
            writer.write(row("x"));
        }

        assertThat(out.bytes()).isPositive();
        assertThat(out.closed()).isFalse();
    }

    @Test
    void characters_excel_forbids_in_sheet_names_are_replaced() throws IOException {
        var out = new ByteArrayOutputStream();
        try (TableWriter<List<@Nullable Object>> writer =
                TableExports.open(ExportFormat.XLSX, out, "Activity 2026/11: [per user]", columns("A"), BERLIN)) {
            writer.write(row("x"));
        }

        try (var workbook = new ReadableWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            assertThat(workbook.getFirstSheet().getName()).isEqualTo("Activity 2026-11- -per user-");
        }
    }

    @SafeVarargs
    private static byte[] xlsx(List<ExportColumn<List<@Nullable Object>>> columns, List<@Nullable Object>... rows)
            throws IOException {
        var out = new ByteArrayOutputStream();
        try (TableWriter<List<@Nullable Object>> writer =
                TableExports.open(ExportFormat.XLSX, out, "Per user", columns, BERLIN)) {
            for (List<@Nullable Object> row : rows) {
                writer.write(row);
            }
            assertThat(writer.rowsWritten()).isEqualTo(rows.length);
        }
        return out.toByteArray();
    }

    private static List<Row> dataRows(byte[] file) throws IOException {
        try (var workbook = new ReadableWorkbook(new ByteArrayInputStream(file))) {
            List<Row> rows = workbook.getFirstSheet().read();
            return rows.subList(1, rows.size());
        }
    }

    /** A cell that was never written is absent, which a spreadsheet shows as empty too. */
    private static CellType typeOf(Row row, int column) {
        return row.getOptionalCell(column).map(cell -> cell.getType()).orElse(CellType.EMPTY);
    }

    private static List<String> texts(Row row) {
        return row.stream().map(cell -> cell.getText()).toList();
    }

    private static ReadingOptions withFormats() {
        return new ReadingOptions(true, false);
    }

    private static String entry(ZipFile zip, String name) throws IOException {
        var entry = zip.getEntry(name);
        assertThat(entry).as(name).isNotNull();
        try (var in = zip.getInputStream(entry)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
