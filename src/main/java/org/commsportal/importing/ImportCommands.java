package org.commsportal.importing;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.commsportal.tenant.CurrentTenant;
import org.commsportal.tenant.Tenant;
import org.commsportal.tenant.TenantService;
import org.springframework.stereotype.Component;

/**
 * The command line's importers of other systems' data: {@code import teams-call-records <file-or-dir>
 * --tenant=<name> [--bulk]}, {@code import sfb-server <dir> --tenant=<name> [--bulk]} and {@code import users-csv
 * <file> --tenant=<name> [--columns=...] [--dry-run]} (docs/import-teams-call-records.md, docs/import-sfb-server.md,
 * docs/import-users-csv.md; {@code --bulk}: docs/ingest.md, "Bulk imports").
 */
@Component
public class ImportCommands {

    /** The second word of the {@code import} commands handled here. */
    public static final Set<String> KINDS = Set.of("teams-call-records", "users-csv", "sfb-server");

    private final TeamsCallRecordImport teams;
    private final SfbServerImport sfbServer;
    private final UsersCsvImport usersCsv;
    private final TenantService tenants;
    private final CurrentTenant currentTenant;

    ImportCommands(
            TeamsCallRecordImport teams,
            SfbServerImport sfbServer,
            UsersCsvImport usersCsv,
            TenantService tenants,
            CurrentTenant currentTenant) {
        this.teams = teams;
        this.sfbServer = sfbServer;
        this.usersCsv = usersCsv;
        this.tenants = tenants;
        this.currentTenant = currentTenant;
    }

    /** Whether these command-line arguments are one of these imports. */
    public static boolean handles(List<String> args) {
        return args.size() > 1 && args.get(0).equals("import") && KINDS.contains(args.get(1));
    }

    /** Runs an import; returns the exit status (0 done, 1 usage error or unreadable file, 2 invalid records). */
    public int execute(List<String> args, PrintStream out) {
        List<String> words = args.stream().filter(a -> !a.startsWith("--")).toList();
        String tenantName = option(args, "tenant");
        if (words.size() != 3 || !handles(words) || tenantName == null) {
            out.println("""
                    Usage:
                      import teams-call-records <file.json|file.ndjson|directory> --tenant=<tenant name> [--bulk]
                      import sfb-server <directory of exported files> --tenant=<tenant name> [--bulk]
                      import users-csv <file.csv> --tenant=<tenant name> [--columns=<field>=<header>,...] [--dry-run]""");
            return 1;
        }
        boolean bulk = args.contains("--bulk");
        if (bulk && words.get(1).equals("users-csv")) {
            out.println(
                    "--bulk is for sessions: teams-call-records and sfb-server (docs/ingest.md, \"Bulk imports\").");
            return 1;
        }
        Tenant tenant = tenants.findByName(tenantName).orElse(null);
        if (tenant == null) {
            out.println("No tenant named " + tenantName + ".");
            return 1;
        }
        Path source = Path.of(words.get(2));
        return currentTenant.runAs(tenant.id(), () -> switch (words.get(1)) {
            case "teams-call-records" -> teams.run(source, out, bulk);
            case "sfb-server" -> sfbServer.run(source, out, bulk);
            default -> usersCsv.run(source, option(args, "columns"), args.contains("--dry-run"), out);
        });
    }

    private static @org.jspecify.annotations.Nullable String option(List<String> args, String name) {
        return args.stream()
                .filter(a -> a.startsWith("--" + name + "="))
                .map(a -> a.substring(name.length() + 3))
                .findFirst()
                .orElse(null);
    }
}
