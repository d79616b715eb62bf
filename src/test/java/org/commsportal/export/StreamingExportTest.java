package org.commsportal.export;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class StreamingExportTest {

    private static final int ROWS = 200_000;

    private record Session(long id, String user, LocalDate day, Instant start, double minutes) {}

    private static final List<ExportColumn<Session>> COLUMNS = List.of(
            new ExportColumn<>("Id", Session::id),
            new ExportColumn<>("User", Session::user),
            new ExportColumn<>("Day", Session::day),
            new ExportColumn<>("Start (UTC)", Session::start),
            new ExportColumn<>("Minutes", Session::minutes));

    @ParameterizedTest
    @EnumSource(ExportFormat.class)
    void rows_leave_memory_while_they_are_written_not_only_at_the_end(ExportFormat format) throws IOException {
        var out = new CountingOutputStream();
        long bytesBeforeClose;
        long rowsWritten;
        try (TableWriter<Session> writer = TableExports.open(format, out, "Sessions", COLUMNS, ZoneOffset.UTC)) {
            Instant start = Instant.parse("2026-01-01T00:00:00Z");
            for (int i = 0; i < ROWS; i++) {
                // Distinct texts, so an exporter that kept every string would grow with the row count.
                writer.write(new Session(
                        i,
                        "user" + i + "@contoso.example",
                        LocalDate.of(2026, 1, 1).plusDays(i % 365),
                        start.plusSeconds(i * 37L),
                        i / 7.0));
            }
            // CSV goes to the stream; XLSX to its temporary file, which the stream gets whole at close (a sheet
            // states its used range before its first row)
            bytesBeforeClose = writer instanceof XlsxTableWriter<?> xlsx ? xlsx.spooledBytes() : out.bytes();
            rowsWritten = writer.rowsWritten();
        }

        assertThat(rowsWritten).isEqualTo(ROWS);
        // Well over half the file was written before close(): the writer does not hold the rows back.
        assertThat(bytesBeforeClose).isGreaterThan(out.bytes() / 2);
        assertThat(out.closed()).isFalse();
    }
}
