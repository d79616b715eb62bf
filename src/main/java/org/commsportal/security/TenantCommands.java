package org.commsportal.security;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.commsportal.tenant.Tenant;
import org.commsportal.tenant.TenantService;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code tenant create <name> --admin=<user name>}: a new tenant with its first global administrator, whose
 * password is read from standard input (never from the command line, where other users of the machine could see it).
 * Both are created in one transaction, or neither (docs/operations.md, "Commands").
 */
@Component
public class TenantCommands {

    public static final String NAME = "tenant";
    private static final Pattern TENANT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,254}");

    private final TenantService tenants;
    private final AccountService accounts;
    private final TransactionTemplate transaction;

    TenantCommands(TenantService tenants, AccountService accounts, PlatformTransactionManager transactions) {
        this.tenants = tenants;
        this.accounts = accounts;
        this.transaction = new TransactionTemplate(transactions);
    }

    /** Runs the command; returns the exit status (0 created, 1 usage error, 2 refused). */
    public int execute(List<String> args, InputStream in, PrintStream out) {
        List<String> words = args.stream().filter(a -> !a.startsWith("--")).toList();
        String admin = args.stream().filter(a -> a.startsWith("--admin=")).map(a -> a.substring(8).strip())
                .findFirst().orElse(null);
        if (words.size() != 3 || !words.get(0).equals(NAME) || !words.get(1).equals("create") || admin == null
                || admin.isEmpty()) {
            out.println("""
                    Usage:
                      tenant create <tenant name> --admin=<user name of its first global administrator>
                    The administrator's password (at least %d characters) is read from standard input."""
                    .formatted(AccountService.MIN_PASSWORD_LENGTH));
            return 1;
        }
        String name = words.get(2).strip();
        if (!TENANT_NAME.matcher(name).matches()) {
            out.println("A tenant name has 1 to 255 letters, digits or . _ - and starts with a letter or digit, "
                    + "such as contoso.com.");
            return 2;
        }
        if (tenants.findByName(name).isPresent()) {
            out.println("A tenant named " + name + " exists already.");
            return 2;
        }
        String password = password(in, out, admin);
        if (password == null) {
            out.println("No password was given on standard input.");
            return 1;
        }
        try {
            Tenant tenant = transaction.execute(status -> {
                Tenant created = tenants.create(name, UUID.randomUUID());
                accounts.createAccount(created.id(), admin, "Global administrator", password, Set.of(Role.GLOBAL_ADMIN));
                return created;
            });
            out.println("Created tenant " + tenant.name() + " with the global administrator " + admin + ".");
            return 0;
        } catch (AccountProblem problem) {
            out.println(problem.getMessage() + " Nothing was created.");
            return 2;
        }
    }

    private static @Nullable String password(InputStream in, PrintStream out, String admin) {
        var console = System.console();
        if (in == System.in && console != null) {
            char[] typed = console.readPassword("Password of %s: ", admin);
            return typed == null ? null : new String(typed);
        }
        try {
            String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
            return line == null || line.isEmpty() ? null : line;
        } catch (IOException e) {
            out.println("Cannot read the password: " + e.getMessage());
            return null;
        }
    }
}
