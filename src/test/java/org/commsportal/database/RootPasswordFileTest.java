package org.commsportal.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.commsportal.database.RootPasswordFile.RootPassword;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RootPasswordFileTest {

    @TempDir
    Path dataDir;

    @Test
    void a_data_directory_without_a_password_gets_a_random_one_readable_by_its_owner_only_and_keeps_it()
            throws Exception {
        RootPassword created = RootPasswordFile.keptIn(dataDir);
        RootPassword other = RootPasswordFile.keptIn(Files.createDirectory(dataDir.resolve("other")));

        assertThat(created.created()).isTrue();
        assertThat(created.value()).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(other.value());
        Path file = dataDir.resolve("root-password");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
        assertThat(dataDir.resolve("root-password.new")).doesNotExist();
        assertThat(RootPasswordFile.keptIn(dataDir)).isEqualTo(new RootPassword(created.value(), false));
        assertThat(created.toString()).doesNotContain(created.value());
    }

    @Test
    void a_password_file_readable_by_others_is_made_owner_only_again() throws Exception {
        Path file = Files.writeString(dataDir.resolve("root-password"), "a-chosen-password-1234\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThat(RootPasswordFile.keptIn(dataDir).value()).isEqualTo("a-chosen-password-1234");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
                .isEqualTo("rw-------");
    }

    @Test
    void a_password_that_could_break_out_of_an_sql_string_is_refused() throws Exception {
        Files.writeString(dataDir.resolve("root-password"), "x'; DROP USER root; --");

        assertThatThrownBy(() -> RootPasswordFile.keptIn(dataDir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("must be 16 to 200 letters, digits or");
    }

    @Test
    void the_statements_of_a_first_start_drop_every_other_account_and_later_starts_keep_them() {
        String first = EmbeddedAccounts.initFile(new RootPassword("p".repeat(20), true));
        String later = EmbeddedAccounts.initFile(new RootPassword("p".repeat(20), false));

        assertThat(first).contains("DROP USER").contains("ALTER USER 'root'@'127.0.0.1' IDENTIFIED BY 'pppp");
        assertThat(later).doesNotContain("DROP USER").contains("ALTER USER 'root'@'localhost' IDENTIFIED BY 'pppp");
        assertThat(later.lines()).allMatch(line -> line.endsWith(";"));
    }
}
