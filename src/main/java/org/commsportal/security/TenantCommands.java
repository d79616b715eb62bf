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

/**
 * {@code tenant create <name> --admin=<user name>}: a new tenant with its first global administrator, whose
 * password is read from standard input (never from the command line, where other users of the machine could see it).
 * The administrator's name and password are checked before anything is created (docs/operations.md, "Commands").
 */
@Component
public class TenantCommands {

    public static final String NAME = "tenant";
    private static final Pattern TENANT_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,254}");

    private final TenantService tenants;
    private final AccountService accounts;

    TenantCommands(TenantService tenants, AccountService accounts) {
        this.tenants = tenants;
        this.accounts = accounts;
    }

    /** Runs the command; returns the exit status (0 created, 1 usage error, 2 refused). */
    public int execute(List<String> args, InputStream in, PrintStream out) {
        List<String> words = args.stream().filter(a -> !a.startsWith("--")).toList();
        String admin = args.stream()
                .filter(a -> a.startsWith("--admin="))
                .map(a -> a.substring(8).strip())
                .findFirst()
                .orElse(null);
        if (words.size() != 3
                || !words.get(0).equals(NAME)
                || !words.get(1).equals("create")
                || admin == null
                || admin.isEmpty()) {
            out.println("""
                    Usage:
                      tenant create <tenant name> --admin=<user name of its first global administrator>
                    The administrator's password (at least %d characters) is read from standard input.""".formatted(AccountService.MIN_PASSWORD_LENGTH));
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
            // Everything that could refuse the administrator is checked before the tenant is created. The tenant is
            // committed before its first account: the account's audit entry is written in a transaction of its own,
            // which would otherwise wait for the tenant row's lock.
            AccountService.requireValidUsername(admin);
            PasswordPolicy.check(password, admin);
            if (accounts.current(admin).isPresent()) {
                throw new AccountProblem(AccountProblem.Field.USERNAME, "The user name " + admin + " is taken.");
            }
            Tenant tenant = tenants.create(name, UUID.randomUUID());
            accounts.createAccount(tenant.id(), admin, "Global administrator", password, Set.of(Role.GLOBAL_ADMIN));
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
