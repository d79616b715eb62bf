package org.commsportal.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.commsportal.PortalIntegrationTest;
import org.commsportal.TestTenants;
import org.commsportal.ingest.IngestionKeys;
import org.commsportal.tenant.TenantService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code tenant create}: a second organization on the same database, with its own first administrator. */
@PortalIntegrationTest
class TenantCommandsIT {

    static final String PASSWORD = "a-long-tenant-password-77";

    @Autowired
    TenantCommands commands;

    @Autowired
    TenantService tenants;

    @Autowired
    AccountService accounts;

    @Autowired
    IngestionKeys keys;

    @Autowired
    TestTenants testTenants;

    @Autowired
    JdbcClient jdbc;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    @Test
    void two_tenants_created_by_the_command_each_see_only_their_own_accounts_and_keys() {
        String suffix = Long.toString(System.nanoTime(), 36);
        String first = "first-" + suffix + ".example";
        String second = "second-" + suffix + ".example";

        assertThat(run(PASSWORD, "tenant", "create", first, "--admin=admin@" + first))
                .as(output())
                .isZero();
        assertThat(run(PASSWORD, "tenant", "create", second, "--admin=admin@" + second))
                .as(output())
                .isZero();

        assertThat(output())
                .contains("Created tenant " + first + " with the global administrator admin@" + first + ".");
        testTenants.signIn("admin@" + first);
        keys.create("first's sender");
        assertThat(accounts.accounts()).extracting(AccountSummary::username).containsExactly("admin@" + first);
        testTenants.signIn("admin@" + second);
        assertThat(accounts.accounts()).extracting(AccountSummary::username).containsExactly("admin@" + second);
        assertThat(keys.list()).isEmpty();
        assertThat(tenants.current().name()).isEqualTo(second);
        TestTenants.signOut();
        assertThat(jdbc.sql("SELECT COUNT(*) FROM portal_account_role r JOIN portal_account a ON a.id = r.account_id "
                                + "WHERE a.username = :u AND r.role = 'GLOBAL_ADMIN'")
                        .param("u", "admin@" + first)
                        .query(Long.class)
                        .single())
                .isEqualTo(1);
    }

    @Test
    void a_refused_administrator_creates_no_tenant_and_a_taken_name_is_refused() {
        String name = "refused-" + Long.toString(System.nanoTime(), 36) + ".example";

        assertThat(run("short", "tenant", "create", name, "--admin=admin@" + name))
                .isEqualTo(2);
        assertThat(tenants.findByName(name)).as("nothing created").isEmpty();
        assertThat(run(PASSWORD, "tenant", "create", "contoso.example", "--admin=another@contoso.example"))
                .isEqualTo(2);
        assertThat(run(PASSWORD, "tenant", "create", "bad name", "--admin=x@y.z"))
                .isEqualTo(2);
        assertThat(run(PASSWORD, "tenant", "create", name))
                .as("no administrator")
                .isEqualTo(1);

        assertThat(output())
                .contains(
                        "Nothing was created.",
                        "A tenant named contoso.example exists already.",
                        "A tenant name has",
                        "Usage:");
    }

    private int run(String password, String... args) {
        return commands.execute(
                List.of(args),
                new ByteArrayInputStream((password + "\n").getBytes(StandardCharsets.UTF_8)),
                new PrintStream(output, true, StandardCharsets.UTF_8));
    }

    private String output() {
        return output.toString(StandardCharsets.UTF_8);
    }
}
