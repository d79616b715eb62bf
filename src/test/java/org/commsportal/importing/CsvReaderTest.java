package org.commsportal.importing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

    @Test
    void quoted_fields_hold_delimiters_doubled_quotes_and_line_breaks_and_rows_know_their_first_line()
            throws IOException {
        CsvReader csv = new CsvReader(
                new StringReader("\uFEFFa,b,c\r\n\"1,5\",\"say \"\"hi\"\"\",\"two\nlines\"\r\n\r\nx,,\"\"\n"), ',');

        List<String> lines = new ArrayList<>();
        for (List<String> row = csv.next(); row != null; row = csv.next()) {
            lines.add(csv.recordLine() + " " + row);
        }

        assertThat(lines).containsExactly("1 [a, b, c]", "2 [1,5, say \"hi\", two\nlines]", "5 [x, , ]");
    }

    @Test
    void the_delimiter_is_the_one_the_header_uses_most() {
        assertThat(CsvReader.delimiterOf("a;b;c")).isEqualTo(';');
        assertThat(CsvReader.delimiterOf("a\tb,c\td")).isEqualTo('\t');
        assertThat(CsvReader.delimiterOf("single")).isEqualTo(',');
    }

    @Test
    void a_quote_never_closed_names_the_line_it_opened_on() {
        assertThatThrownBy(() -> {
                    CsvReader csv = new CsvReader(new StringReader("a\n\"open\n"), ',');
                    csv.next();
                    csv.next();
                })
                .isInstanceOf(CsvReader.Malformed.class)
                .hasMessageContaining("line 2");
    }
}
