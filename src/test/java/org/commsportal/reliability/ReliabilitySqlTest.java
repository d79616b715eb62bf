package org.commsportal.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ReliabilitySqlTest {

    @Test
    void the_changeset_fills_the_per_subnet_day_rows_with_the_sql_the_listener_uses() throws IOException {
        assertThat(squeezed(
                        Files.readString(Path.of("src/main/resources/db/changelog/056-reliability-subnet-day.sql"))))
                .contains(squeezed(ReliabilitySql.addSubnetDays("TRUE", 1)));
    }

    private static String squeezed(String sql) {
        return sql.replaceAll("\\s+", " ").strip();
    }
}
