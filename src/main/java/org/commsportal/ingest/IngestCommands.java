package org.commsportal.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.commsportal.directory.DirectoryService;
import org.commsportal.directory.UserRecord;
import org.commsportal.sessions.ReadModelCheck;
import org.commsportal.sessions.SessionRecord;
import org.commsportal.sessions.SessionWriter;
import org.commsportal.sessions.SessionsBeforeKeptDaysException;
import org.commsportal.tenant.CurrentTenant;
import org.commsportal.tenant.Tenant;
import org.commsportal.tenant.TenantService;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The command line's data commands: {@code import sessions|users <file> --tenant=<name>} streams a JSON array
 * or NDJSON file of any size with the HTTP endpoints' validation (a first pass checks every record and writes
 * nothing if any is wrong; a second writes in batches of 1,000, each one transaction), and {@code verify-rollups
 * [--tenant=<name>]} compares the stored rollups with a recomputation from raw rows.
 */
@Component
public class IngestCommands {

    public static final Set<String> NAMES = Set.of("import", "verify-rollups");
    static final int BATCH = 1_000;
    private static final int PROGRESS_EVERY = 100_000;
    private static final int SHOWN_PROBLEMS = 50;

    private final IngestRecords records;
    private final SessionWriter sessions;
    private final DirectoryService directory;
    private final ReadModelCheck verifier;
    private final TenantService tenants;
    private final CurrentTenant currentTenant;
    private final long maxRecordBytes;

    IngestCommands(
            IngestRecords records,
            SessionWriter sessions,
            DirectoryService directory,
            ReadModelCheck verifier,
            TenantService tenants,
            CurrentTenant currentTenant,
            @Value("${portal.ingest.max-record-bytes:1048576}") long maxRecordBytes) {
        this.maxRecordBytes = maxRecordBytes;
        this.records = records;
        this.sessions = sessions;
        this.directory = directory;
        this.verifier = verifier;
        this.tenants = tenants;
        this.currentTenant = currentTenant;
    }

    /** Runs a command; returns the process exit status (0 done, 1 usage error, 2 invalid records, 3 differences). */
    public int execute(List<String> args, PrintStream out) {
        List<String> words = args.stream().filter(a -> !a.startsWith("--")).toList();
        String tenantName = args.stream()
                .filter(a -> a.startsWith("--tenant="))
                .map(a -> a.substring(9))
                .findFirst()
                .orElse(null);
        if (words.size() == 3
                && words.get(0).equals("import")
                && tenantName != null
                && (words.get(1).equals("sessions") || words.get(1).equals("users"))) {
            Tenant tenant = tenant(tenantName).orElse(null);
            if (tenant == null) {
                out.println("No tenant named " + tenantName + ".");
                return 1;
            }
            return currentTenant.runAs(tenant.id(), () -> importFile(words.get(1), Path.of(words.get(2)), out));
        }
        if (words.size() == 1 && words.get(0).equals("verify-rollups")) {
            return verify(tenantName, out);
        }
        out.println("""
                Usage:
                  import sessions <file.ndjson|file.json> --tenant=<tenant name>
                  import users <file.ndjson|file.json> --tenant=<tenant name>
                  verify-rollups [--tenant=<tenant name>]""");
        return 1;
    }

    private Optional<Tenant> tenant(String name) {
        return tenants.findByName(name);
    }

    private int importFile(String kind, Path file, PrintStream out) {
        try {
            boolean ndjson = !startsWithArray(file);
            long started = System.nanoTime();
            out.println("Checking " + file + " ...");
            var problems = new IngestProblems();
            long total;
            try {
                total = pass(file, ndjson, kind, problems, null, out);
            } catch (RecordStream.Malformed e) {
                out.println("  record " + e.index() + ", " + (e.field().isEmpty() ? "record" : e.field()) + ": "
                        + e.reason() + " (line " + e.line() + ", column " + e.column() + ")");
                out.println("The file is not valid JSON; nothing was imported.");
                return 2;
            }
            if (!problems.isEmpty()) {
                problems.listed().stream()
                        .limit(SHOWN_PROBLEMS)
                        .forEach(p -> out.println("  record " + p.index() + ", "
                                + (p.field().isEmpty() ? "record" : p.field()) + ": " + p.reason()));
                out.println(problems.count() + " problem(s) in " + total + " records; nothing was imported.");
                return 2;
            }
            long[] replaced = {0};
            out.println("Importing " + total + " " + kind + " ...");
            try {
                pass(file, ndjson, kind, problems, replaced, out);
            } catch (org.commsportal.directory.UserRecordsRefused e) { // contradicts the stored PSTN blocks
                e.refusals().forEach(r -> out.println("  a record of this batch, " + r.field() + ": " + r.reason()));
                out.println("A batch of users contradicts what is stored (docs/users-blocked.md); that batch was not "
                        + "imported, earlier batches were.");
                return 2;
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            out.printf(
                    "Imported %d %s (%d replaced) in %.1f s, %.0f records/s, peak heap used %d MB.%n",
                    total, kind, replaced[0], seconds, total / Math.max(seconds, 0.001), peakHeapMegabytes());
            return 0;
        } catch (IOException e) {
            out.println("Cannot read " + file + ": " + e.getMessage());
            return 1;
        }
    }

    /** Reads the whole file; with {@code replaced} null it only checks, otherwise it writes batch by batch. */
    private long pass(
            Path file,
            boolean ndjson,
            String kind,
            IngestProblems problems,
            long @Nullable [] replaced,
            PrintStream out)
            throws IOException {
        List<SessionRecord> sessionBatch = new ArrayList<>(BATCH);
        List<UserRecord> userBatch = new ArrayList<>(BATCH);
        Set<String> batchKeys = new HashSet<>();
        java.time.@Nullable LocalDate keptFrom = sessions.keptFrom();
        RecordStream.Handler handler = (index, node, found) -> {
            if (kind.equals("sessions")) {
                SessionRecord session = records.session(index, node, found);
                if (session != null && keptFrom != null && session.startsBefore(keptFrom)) {
                    found.add(index, "startTime", SessionsBeforeKeptDaysException.reason(keptFrom));
                } else if (session != null && replaced != null) {
                    if (!batchKeys.add(session.dialogId())) { // a later copy in the file replaces the earlier one
                        replaced[0] += flushSessions(sessionBatch, batchKeys);
                        batchKeys.add(session.dialogId());
                    }
                    sessionBatch.add(session);
                    if (sessionBatch.size() == BATCH) {
                        replaced[0] += flushSessions(sessionBatch, batchKeys);
                    }
                }
            } else {
                UserRecord user = records.user(index, node, found);
                if (user != null && replaced != null) {
                    if (!batchKeys.add(user.upn().toLowerCase(java.util.Locale.ROOT))) {
                        flushUsers(userBatch, batchKeys);
                        batchKeys.add(user.upn().toLowerCase(java.util.Locale.ROOT));
                    }
                    userBatch.add(user);
                    if (userBatch.size() == BATCH) {
                        flushUsers(userBatch, batchKeys);
                    }
                }
            }
            if ((index + 1) % PROGRESS_EVERY == 0) {
                out.println("  " + (index + 1) + " records " + (replaced == null ? "checked" : "written"));
            }
        };
        long total;
        try (InputStream in = Files.newInputStream(file)) {
            total = RecordStream.read(in, ndjson, maxRecordBytes, handler, problems);
        }
        if (replaced != null) {
            replaced[0] += flushSessions(sessionBatch, batchKeys);
            flushUsers(userBatch, batchKeys);
        }
        return total;
    }

    private int flushSessions(List<SessionRecord> batch, Set<String> keys) {
        List<SessionRecord> copy = List.copyOf(batch);
        int replaced = batch.isEmpty() ? 0 : Retrying.write(() -> sessions.write(copy));
        batch.clear();
        keys.clear();
        return replaced;
    }

    private void flushUsers(List<UserRecord> batch, Set<String> keys) {
        if (!batch.isEmpty()) {
            List<UserRecord> copy = List.copyOf(batch);
            Retrying.write(() -> {
                directory.upsert(copy);
                return copy.size();
            });
        }
        batch.clear();
        keys.clear();
    }

    private static long peakHeapMegabytes() {
        return java.lang.management.ManagementFactory.getMemoryPoolMXBeans().stream()
                        .filter(pool -> pool.getType() == java.lang.management.MemoryType.HEAP)
                        .mapToLong(pool -> pool.getPeakUsage().getUsed())
                        .sum()
                / (1024 * 1024);
    }

    private static boolean startsWithArray(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            for (int c = in.read(); c >= 0; c = in.read()) {
                if (!Character.isWhitespace(c) && c != 0xEF && c != 0xBB && c != 0xBF) {
                    return c == '[';
                }
            }
            return false;
        }
    }

    private int verify(@Nullable String tenantName, PrintStream out) {
        List<Tenant> scope = tenantName == null
                ? tenants.all()
                : tenant(tenantName).map(List::of).orElse(List.of());
        if (scope.isEmpty()) {
            out.println(tenantName == null ? "There are no tenants." : "No tenant named " + tenantName + ".");
            return 1;
        }
        int differing = 0;
        for (Tenant tenant : scope) {
            List<String> differences = verifier.differences(tenant.id(), SHOWN_PROBLEMS);
            if (differences.isEmpty()) {
                out.println(tenant.name() + ": rollups equal a recomputation from raw sessions.");
                out.println("  (daily rollups, distinct users per day, period totals and active users checked)");
            } else {
                differing++;
                out.println(tenant.name() + ": " + differences.size()
                        + (differences.size() == SHOWN_PROBLEMS ? "+" : "") + " difference(s):");
                differences.forEach(difference -> out.println("  " + difference));
            }
        }
        return differing == 0 ? 0 : 3;
    }
}
