package org.commsportal.importing;

import jakarta.annotation.PreDestroy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.commsportal.audit.AuditAction;
import org.commsportal.audit.AuditLog;
import org.commsportal.tenant.CurrentTenant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.concurrent.DelegatingSecurityContextRunnable;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;

/**
 * The upload page's imports (docs/pages.md, "Import"): files streamed to a temporary folder under a size limit, then
 * the same importer the command line runs, in the background as the uploading administrator, one import per tenant
 * at a time, on the importers' bulk path when asked (docs/ingest.md, "Bulk imports"). Each run is audited when it
 * starts and when it ends, saying whether it took the bulk path.
 */
@Service
public class ImportUploads {

    /** The kinds of files the page imports, as the command line's {@code import <kind>}. */
    public enum Source {
        TEAMS_CALL_RECORDS("teams-call-records", "Teams call records (JSON, NDJSON)", true, true),
        SFB_SERVER(
                "sfb-server",
                "Skype for Business Server export (media, sessions, conference-sessions; optional users, dialogs and"
                        + " qoe-* quality files)",
                true,
                true),
        USERS_CSV("users-csv", "Users (CSV directory export)", false, false);

        private final String command;
        private final String label;
        private final boolean severalFiles;
        private final boolean bulkPath;

        Source(String command, String label, boolean severalFiles, boolean bulkPath) {
            this.command = command;
            this.label = label;
            this.severalFiles = severalFiles;
            this.bulkPath = bulkPath;
        }

        public String command() {
            return command;
        }

        public String label() {
            return label;
        }

        /** Whether the import reads several files (a folder) or exactly one. */
        public boolean severalFiles() {
            return severalFiles;
        }

        /** Whether the import writes sessions and so has the bulk path (docs/ingest.md, "Bulk imports"). */
        public boolean bulkPath() {
            return bulkPath;
        }
    }

    /**
     * Options of an import: the users CSV's column mapping and dry run (docs/import-users-csv.md; ignored for the
     * other sources), and the sessions importers' bulk path, as {@code --bulk} on the command line (docs/ingest.md,
     * "Bulk imports"; refused for the users CSV).
     */
    public record Options(String columns, boolean dryRun, boolean bulk) {
        public static final Options NONE = new Options("", false, false);
        public static final Options BULK = new Options("", false, true);
    }

    /** A step of the writing pass: records done of the total, the rate and the time left. */
    public record Progress(long done, long total, String what, double perSecond, long secondsLeft) {

        public double fraction() {
            return total == 0 ? 1.0 : Math.min(1.0, (double) done / total);
        }

        public String describe() {
            return String.format(
                    Locale.ROOT,
                    "%,d of %,d %s (%.0f%%), %,.0f/s, about %d s left",
                    done,
                    total,
                    what,
                    100 * fraction(),
                    perSecond,
                    secondsLeft);
        }
    }

    /** A step of the bulk path's rebuild of the imported days' reports (step from 1 of the steps, what it rebuilds). */
    public record Rebuilding(int step, int steps, String what) {

        public String describe() {
            return String.format(
                    Locale.ROOT,
                    "Rebuilding the reports of the imported days: step %d of %d (%s) ...",
                    step,
                    steps,
                    what);
        }
    }

    /** How an import ended: the command line's exit status (0 imported, 1 unreadable, 2 problems) and its last line. */
    public record Outcome(int status, String summary) {
        public boolean imported() {
            return status == 0;
        }
    }

    /** Receives what a running import prints and how far it is; called on the import's own thread. */
    public interface Watcher {
        void line(String line);

        void progress(Progress progress);

        /** On the bulk path, after the writing pass: each step of the rebuild as it begins. */
        default void rebuilding(Rebuilding step) {}

        void finished(Outcome outcome);
    }

    // Role names spelled out: the security package depends on this one, not the other way round.
    private static final String GLOBAL_ADMIN = "hasRole('GLOBAL_ADMIN')";
    private static final Logger LOG = LoggerFactory.getLogger(ImportUploads.class);

    private final TeamsCallRecordImport teams;
    private final SfbServerImport sfbServer;
    private final UsersCsvImport usersCsv;
    private final CurrentTenant currentTenant;
    private final AuditLog audit;
    private final long maxBytes;
    private final Path uploadDir;
    private final Set<Long> running = ConcurrentHashMap.newKeySet();
    private final ThreadPoolExecutor executor =
            new ThreadPoolExecutor(2, 2, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), runnable -> {
                Thread thread = new Thread(runnable, "import-upload");
                thread.setDaemon(true);
                return thread;
            });

    ImportUploads(
            TeamsCallRecordImport teams,
            SfbServerImport sfbServer,
            UsersCsvImport usersCsv,
            CurrentTenant currentTenant,
            AuditLog audit,
            @Value("${portal.import.upload-max-bytes:268435456}") long maxBytes,
            @Value("${portal.import.upload-dir:${java.io.tmpdir}}") String uploadDir) {
        this.teams = teams;
        this.sfbServer = sfbServer;
        this.usersCsv = usersCsv;
        this.currentTenant = currentTenant;
        this.audit = audit;
        this.maxBytes = maxBytes;
        this.uploadDir = Path.of(uploadDir);
        executor.allowCoreThreadTimeOut(true);
    }

    /** The limit of one upload, all its files together, in bytes. */
    public long maxBytes() {
        return maxBytes;
    }

    /** A new, empty temporary folder for one upload; the caller closes it (which deletes it) when done. */
    @PreAuthorize(GLOBAL_ADMIN)
    public UploadFolder newFolder() throws IOException {
        Files.createDirectories(uploadDir);
        return new UploadFolder(Files.createTempDirectory(uploadDir, "portal-import-"), maxBytes);
    }

    /**
     * Starts importing the folder's files into the signed-in tenant and returns at once; the watcher hears the
     * output, the progress and the outcome, after which the folder is deleted.
     *
     * @throws IllegalStateException when there is nothing to import, the bulk path is asked of a source without one,
     *     or an import of this tenant is running
     */
    @PreAuthorize(GLOBAL_ADMIN)
    public void start(Source source, UploadFolder folder, Options options, Watcher watcher) {
        List<UploadFolder.Received> files = folder.received();
        if (files.isEmpty()) {
            throw new IllegalStateException("Upload the files to import first.");
        }
        if (!source.severalFiles() && files.size() != 1) {
            throw new IllegalStateException("A users import reads exactly one CSV file; remove the others.");
        }
        if (options.bulk() && !source.bulkPath()) {
            throw new IllegalStateException("The bulk path (history backfill) is for sessions: Teams call records and"
                    + " Skype for Business Server exports. A users import has none; import the users without it.");
        }
        long tenantId = currentTenant.id();
        if (!running.add(tenantId)) {
            throw new IllegalStateException("An import into this organization is running; wait until it ends.");
        }
        String flags = (options.dryRun() && source == Source.USERS_CSV ? " (dry run)" : "")
                + (options.bulk() ? " (bulk path)" : "");
        String what = source.command() + " " + describe(files) + flags;
        try {
            audit.record(AuditAction.IMPORT_UPLOAD, "started " + what);
            SecurityContext uploader = SecurityContextHolder.getContext();
            executor.execute(new DelegatingSecurityContextRunnable(
                    () -> run(source, folder, options, watcher, tenantId, what), uploader));
        } catch (RuntimeException e) {
            running.remove(tenantId);
            throw e;
        }
    }

    private void run(Source source, UploadFolder folder, Options options, Watcher watcher, long tenantId, String what) {
        String[] last = {""};
        // The page may be closed while the import runs: what it can no longer show must not stop the import.
        Watcher remembering = new Watcher() {
            @Override
            public void line(String line) {
                if (!line.isBlank()) {
                    last[0] = line.strip();
                }
                quietly(() -> watcher.line(line));
            }

            @Override
            public void progress(Progress progress) {
                quietly(() -> watcher.progress(progress));
            }

            @Override
            public void rebuilding(Rebuilding step) {
                quietly(() -> watcher.rebuilding(step));
            }

            @Override
            public void finished(Outcome outcome) {
                quietly(() -> watcher.finished(outcome));
            }
        };
        Outcome outcome;
        try (folder;
                ImportConsole console = new ImportConsole(
                        remembering,
                        folder.dir().toString() + folder.dir().getFileSystem().getSeparator())) {
            int status = switch (source) {
                case TEAMS_CALL_RECORDS -> teams.run(folder.dir(), console, options.bulk());
                case SFB_SERVER -> sfbServer.run(folder.dir(), console, options.bulk());
                case USERS_CSV ->
                    usersCsv.run(
                            folder.dir().resolve(folder.received().get(0).name()),
                            options.columns().isBlank() ? null : options.columns(),
                            options.dryRun(),
                            console);
            };
            console.flush();
            outcome = new Outcome(status, last[0]);
        } catch (RuntimeException | IOException e) {
            LOG.error("Uploaded import {} failed", what, e);
            outcome = new Outcome(
                    3,
                    "The import stopped on an error of the portal (see its log); batches written"
                            + " before it stay written, and running the same import again completes it.");
        } finally {
            running.remove(tenantId);
        }
        try {
            audit.record(AuditAction.IMPORT_UPLOAD, "finished " + what + ": " + outcome.summary());
        } finally {
            remembering.finished(outcome);
        }
    }

    private static void quietly(Runnable show) {
        try {
            show.run();
        } catch (RuntimeException e) {
            LOG.debug("An import's page no longer shows it", e);
        }
    }

    private static String describe(List<UploadFolder.Received> files) {
        return files.stream()
                .map(f -> String.format(Locale.ROOT, "%s (%,d bytes)", f.name(), f.bytes()))
                .collect(Collectors.joining(", "));
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
