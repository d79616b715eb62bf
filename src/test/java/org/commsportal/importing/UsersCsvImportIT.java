package org.commsportal.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.TestTenants;
import org.commsportal.tenant.Tenant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code import users-csv} against MariaDB, with exports written as the usual admin tools write them. */
@PortalIntegrationTest
class UsersCsvImportIT {

    @Autowired
    ImportCommands commands;

    @Autowired
    TestTenants testTenants;

    @Autowired
    JdbcClient jdbc;

    @TempDir
    Path files;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    @Test
    void an_export_is_read_by_its_usual_headers_with_quotes_dates_and_states_as_the_tools_write_them()
            throws Exception {
        Tenant tenant = testTenants.newTenant("users-csv");
        String d = tenant.name();
        Path csv = Files.writeString(files.resolve("users.csv"), "\uFEFF" + """
                "UserPrincipalName","DisplayName","SipAddress","ObjectId","AccountEnabled","IsLicensed","UsageLocation","WhenCreated"\r
                "ann.admin@%1$s","Ann Example","sip:Ann@%1$s","AAAAAAAA-0000-4000-8000-000000000001","True","True","US","1/15/2025 9:30:00 AM"\r
                "bob@%1$s","Bob Example, Jr.","","","False","True","GB","2025-02-01T08:00:00Z"\r
                \r
                "carol@%1$s","Carol ""CJ"" Example","","","True","False","DE","2025-03-01"\r
                "dan@%1$s","Dan
                Example","","","True","True","","2025-03-02"
                """.formatted(d));
        Files.setLastModifiedTime(csv, FileTime.from(Instant.parse("2026-06-30T12:00:00Z")));

        assertThat(run("import", "users-csv", csv.toString(), "--tenant=" + d))
                .as(output())
                .isZero();

        assertThat(output()).contains("Imported 4 users");
        assertThat(users(tenant))
                .containsExactly(
                        // the SIP address is the user's address in call records, before the UPN
                        "ann@%s|Ann|Ann Example|2025-01-15|null|aaaaaaaa-0000-4000-8000-000000000001".formatted(d),
                        // disabled or unlicensed without a date of its own: removed on the day the file was exported
                        "bob@%s|bob|Bob Example, Jr.|2025-02-01|2026-06-30|null".formatted(d),
                        "carol@%s|carol|Carol \"CJ\" Example|2025-03-01|2026-06-30|null".formatted(d),
                        "dan@%s|dan|Dan\nExample|2025-03-02|null|null".formatted(d));

        // the usage location places PSTN calls as domestic or international (docs/pstn-usage.md)
        assertThat(jdbc.sql("SELECT CONCAT(upn, '|', COALESCE(usage_location, '-')) FROM licensed_user"
                                + " WHERE tenant_id = :t ORDER BY upn")
                        .param("t", tenant.id())
                        .query(String.class)
                        .list())
                .containsExactly("ann@" + d + "|US", "bob@" + d + "|GB", "carol@" + d + "|DE", "dan@" + d + "|-");

        // a second run is the same state (resumable): users are keyed by their address
        assertThat(run("import", "users-csv", csv.toString(), "--tenant=" + d)).isZero();
        assertThat(users(tenant)).hasSize(4);
    }

    @Test
    void a_dry_run_with_a_column_mapping_shows_the_first_rows_as_they_would_be_stored_and_writes_nothing()
            throws Exception {
        Tenant tenant = testTenants.newTenant("users-dry");
        String d = tenant.name();
        Path csv = Files.writeString(files.resolve("people.csv"), """
                Login;Full name;Start;Left
                Ann@%1$s;Ann Example;2025-01-15;
                ben@%1$s;Ben Example;2025-01-16;2025-09-30
                """.formatted(d));

        String mapping = "--columns=upn=Login,displayName=Full name,licensedFrom=Start,deletedAt=Left";
        assertThat(run("import", "users-csv", csv.toString(), "--tenant=" + d, mapping, "--dry-run"))
                .as(output())
                .isZero();

        assertThat(output())
                .contains("Columns: upn=Login, displayName=Full name, licensedFrom=Start, deletedAt=Left")
                .contains("  ann@" + d + " | Ann | Ann Example | 2025-01-15 |  | ")
                .contains("  ben@" + d + " | ben | Ben Example | 2025-01-16 | 2025-09-30 | ")
                .contains("Dry run: 2 users are valid; nothing was written.");
        assertThat(users(tenant)).isEmpty();

        assertThat(run("import", "users-csv", csv.toString(), "--tenant=" + d, mapping))
                .isZero();
        assertThat(users(tenant)).hasSize(2);
    }

    @Test
    void a_file_with_bad_rows_imports_nothing_and_names_line_column_and_field_of_every_problem() throws Exception {
        Tenant tenant = testTenants.newTenant("users-bad");
        String d = tenant.name();
        Path csv = Files.writeString(files.resolve("bad.csv"), """
                UserPrincipalName,DisplayName,Enabled,WhenCreated
                ann@%1$s,Ann,True,2025-01-15
                not-an-address,Nobody,True,2025-01-15
                cid@%1$s,,maybe,31.12.2025
                """.formatted(d));

        assertThat(run("import", "users-csv", csv.toString(), "--tenant=" + d)).isEqualTo(2);

        assertThat(output())
                .contains(csv + ":3:1: column 1, upn: must be a user principal name")
                .contains(csv + ":4:4: column 4, licensedFrom: \"31.12.2025\" is not a date")
                .contains(csv + ":4:3: column 3, enabled: \"maybe\" is not True or False")
                .contains(csv + ":4:2: column 2, displayName: is required")
                .contains("nothing was imported");
        assertThat(users(tenant)).isEmpty();

        assertThat(run("import", "users-csv", csv.toString(), "--tenant=" + d, "--columns=alias=Nickname"))
                .isEqualTo(2);
        assertThat(output()).contains("--columns, alias: the header has no column \"Nickname\"");
    }

    private int run(String... args) {
        return commands.execute(List.of(args), new PrintStream(output, true, StandardCharsets.UTF_8));
    }

    private String output() {
        return output.toString(StandardCharsets.UTF_8);
    }

    private List<String> users(Tenant tenant) {
        return jdbc.sql("""
                SELECT CONCAT_WS('|', upn, alias, display_name, licensed_from, COALESCE(deleted_at, 'null'),
                                 COALESCE(object_id, 'null'))
                FROM licensed_user WHERE tenant_id = :t ORDER BY upn""").param("t", tenant.id()).query(String.class).list();
    }
}
