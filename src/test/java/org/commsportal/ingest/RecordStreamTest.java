package org.commsportal.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The streaming reader of request bodies and import files: bounded memory, hostile bytes refused per record. */
class RecordStreamTest {

    private static final long LIMIT = 4_096;

    private final IngestProblems problems = new IngestProblems();
    private final List<String> records = new ArrayList<>();

    @Test
    void a_body_of_millions_of_empty_records_lists_the_first_thousand_problems_and_counts_every_one() throws Exception {
        // 32 MiB of "{}" lines, produced as it is read: the size the out-of-memory body had
        long lines = 32L * 1024 * 1024 / 3;
        InputStream body = new InputStream() {
            private long position;

            @Override
            public int read() {
                if (position >= lines * 3) {
                    return -1;
                }
                return "{}\n".charAt((int) (position++ % 3));
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                int n = 0;
                while (n < length) {
                    int b = read();
                    if (b < 0) {
                        return n == 0 ? -1 : n;
                    }
                    buffer[offset + n++] = (byte) b;
                }
                return n;
            }
        };
        long started = System.nanoTime();

        long count = RecordStream.read(
                body,
                true,
                LIMIT,
                (index, record, found) -> {
                    for (String field : List.of("dialogId", "startTime", "endTime", "fromUri", "media")) {
                        found.add(index, field, "is required");
                    }
                },
                problems);

        assertThat(count).isEqualTo(lines);
        assertThat(problems.count()).isEqualTo(5 * lines);
        assertThat(problems.records()).isEqualTo(lines);
        assertThat(problems.listed()).hasSize(IngestProblems.LISTED);
        assertThat(problems.listed().get(999)).isEqualTo(new IngestProblem(199, "media", "is required"));
        assertThat(System.nanoTime() - started).as("nanoseconds").isLessThan(30_000_000_000L);
    }

    @Test
    void invalid_utf8_in_a_line_is_a_problem_of_that_record_naming_the_field() throws Exception {
        byte[] body = "{\"dialogId\":\"ok\"}\n{\"dialogId\":\"b?d\"}\n{\"dialogId\":\"fine\"}\n"
                .getBytes(StandardCharsets.UTF_8);
        body[32] = (byte) 0xC3; // a lead byte followed by 'd', not a continuation byte

        assertThat(ndjson(body)).isEqualTo(3);

        assertThat(records).containsExactly("{\"dialogId\":\"ok\"}", "{\"dialogId\":\"fine\"}");
        assertThat(problems.listed()).singleElement().satisfies(problem -> {
            assertThat(problem.index()).isEqualTo(1);
            assertThat(problem.field()).isEqualTo("dialogId");
            assertThat(problem.reason()).contains("Invalid UTF-8");
        });
    }

    @Test
    void invalid_utf8_in_an_array_names_the_record_and_field() {
        byte[] body = "[{\"dialogId\":\"ok\"},{\"dialogId\":\"b?d\"}]".getBytes(StandardCharsets.UTF_8);
        body[32] = (byte) 0xFF;

        assertThatThrownBy(() -> array(body)).isInstanceOfSatisfying(RecordStream.Malformed.class, malformed -> {
            assertThat(malformed.index()).isEqualTo(1);
            assertThat(malformed.field()).isEqualTo("dialogId");
            assertThat(malformed.reason()).contains("Invalid UTF-8");
        });
    }

    @Test
    void nesting_deeper_than_the_limit_is_refused_naming_where() throws Exception {
        String deep = "{\"quality\":" + "[".repeat(1_001) + "]".repeat(1_001) + "}";

        assertThat(ndjson((deep + "\n{\"next\":1}").getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(2);

        assertThat(records).containsExactly("{\"next\":1}");
        assertThat(problems.listed().get(0).field()).startsWith("quality[0][0]");
        assertThat(problems.listed().get(0).reason()).contains("nesting depth", "maximum allowed (64)");
        assertThatThrownBy(() -> array(("[" + deep + "]").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(
                        RecordStream.Malformed.class,
                        malformed -> assertThat(malformed.field()).startsWith("quality[0]"));
    }

    @Test
    void a_number_of_more_than_a_hundred_digits_is_refused_naming_the_field() throws Exception {
        String digits = "9".repeat(1_001);

        ndjson(("{\"responseCode\":" + digits + "}").getBytes(StandardCharsets.UTF_8));

        assertThat(problems.listed()).singleElement().satisfies(problem -> {
            assertThat(problem.field()).isEqualTo("responseCode");
            assertThat(problem.reason()).contains("Number value length (1001) exceeds the maximum allowed (100)");
        });
    }

    @Test
    void a_record_over_the_limit_is_a_problem_of_its_own_and_the_next_record_is_read() throws Exception {
        String huge = "{\"feedbackText\":\"" + "x".repeat(30_000) + "\"}";
        String ones = "{\"media\":[" + "1,".repeat(20_000) + "1]}";

        assertThat(ndjson((huge + "\n" + ones + "\n{\"a\":1}").getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(3);
        assertThat(array(("[" + ones + ",{\"a\":2}]").getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(2);

        assertThat(records).containsExactly("{\"a\":1}", "{\"a\":2}");
        assertThat(problems.listed()).extracting(IngestProblem::index).containsExactly(0L, 1L, 0L);
        assertThat(problems.listed())
                .allSatisfy(problem ->
                        assertThat(problem.reason()).isEqualTo("the record is larger than " + LIMIT + " bytes"));
    }

    @Test
    void a_string_over_the_record_limit_in_an_array_names_the_record_and_field() {
        String huge = "{\"feedbackText\":\"" + "x".repeat(30_000) + "\"}";

        assertThatThrownBy(() -> array(("[{\"a\":1}," + huge + "]").getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(RecordStream.Malformed.class, malformed -> {
                    assertThat(malformed.index()).isEqualTo(1);
                    assertThat(malformed.field()).isEqualTo("feedbackText");
                    assertThat(malformed.reason()).contains("String value length", "maximum allowed (" + LIMIT + ")");
                });
    }

    @Test
    void a_line_of_two_values_and_blank_lines_with_carriage_returns() throws Exception {
        assertThat(ndjson("\r\n{\"a\":1} {\"b\":2}\n  \n{\"c\":3}\r\n".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(2);

        assertThat(records).containsExactly("{\"c\":3}");
        assertThat(problems.listed())
                .singleElement()
                .satisfies(problem -> assertThat(problem.reason()).contains("more than one value"));
    }

    @Test
    void a_byte_order_mark_opening_the_body_is_left_out() throws Exception {
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] rest = "{\"a\":1}\n{\"b\":2}\n".getBytes(StandardCharsets.UTF_8);
        byte[] body = new byte[bom.length + rest.length];
        System.arraycopy(bom, 0, body, 0, bom.length);
        System.arraycopy(rest, 0, body, bom.length, rest.length);

        assertThat(ndjson(body)).isEqualTo(2);
        assertThat(ndjson(bom)).isZero();

        assertThat(records).containsExactly("{\"a\":1}", "{\"b\":2}");
        assertThat(problems.isEmpty()).isTrue();
    }

    private long ndjson(byte[] body) throws IOException {
        return RecordStream.read(
                new ByteArrayInputStream(body),
                true,
                LIMIT,
                (index, record, found) -> records.add(record.toString()),
                problems);
    }

    private long array(byte[] body) throws IOException {
        return RecordStream.read(
                new ByteArrayInputStream(body),
                false,
                LIMIT,
                (index, record, found) -> records.add(record.toString()),
                problems);
    }
}
