package org.commsportal.importing;

import java.io.Closeable;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The join of the QoEMetrics rows to the LcsCDR dialogs (docs/import-sfb-server.md, "Quality of experience") in
 * bounded memory, as three sorts on disk instead of maps of the whole files (docs/import-sfb-server.md, "Memory and
 * order"):
 * <ol>
 *   <li>{@code dialogs} and {@code qoe-dialogs} rows by Call-ID and from-tag: each QoE session matched to the CDR
 *       dialogs of its Call-ID and from-tag, by to-tag;
 *   <li>the matched QoE sessions by CDR dialog: the latest report of each dialog found;
 *   <li>each QoE session's CDR dialog (and whether it is that dialog's latest report) and the quality files' rows by
 *       QoE session: the rows of each dialog's latest report passed on, keyed by the dialog.
 * </ol>
 */
final class SfbQualityJoin implements Closeable {

    /** The tag of a QoE session's own row (its CDR dialog) among its quality rows: first. */
    static final int JOINED = 0;

    private static final int CDR = 0;
    private static final int QOE = 1;

    private final ExternalSort.Budget budget;
    private final ExternalSort byDialogId;
    private final ExternalSort bySession;
    private long unmatched;
    private long superseded;

    SfbQualityJoin(ExternalSort.Budget budget) {
        this.budget = budget;
        this.byDialogId = new ExternalSort("dialog-ids", budget);
        this.bySession = new ExternalSort("qoe-sessions", budget);
    }

    /** Reads and checks every QoE file found (problems added, never thrown). */
    void read(Map<String, Path> found, ImportProblems problems, PrintStream out) throws IOException {
        Path dialogs = found.get(SfbQualityFiles.DIALOGS);
        out.println("Reading " + dialogs + " ...");
        SfbServerImport.rows(dialogs, SfbQualityFiles.FILES.get(SfbQualityFiles.DIALOGS), problems, (line, row) -> {
            Instant time = SfbServerImport.time(dialogs, line, row, "SessionIdTime", true, problems);
            Integer seq = SfbQualityFiles.required(dialogs, line, row, "SessionIdSeq", problems);
            String text = row.get("ExternalId");
            SfbQualityFiles.DialogId id = text == null ? null : SfbQualityFiles.DialogId.parse(text);
            if (id == null) {
                problems.add(SfbServerImport.problem(
                        dialogs,
                        line,
                        row,
                        "ExternalId",
                        "must be a SIP dialog id such as callid;from-tag;to-tag (the query casts it to text)"));
            }
            if (time != null && seq != null && id != null) {
                byDialogId.add(id.callAndFrom(), CDR, line, SfbServerImport.sortKey(time, seq), id.toTag());
            }
        });
        Path qoeDialogs = found.get(SfbQualityFiles.QOE_DIALOGS);
        out.println("Reading " + qoeDialogs + " ...");
        SfbServerImport.rows(
                qoeDialogs, SfbQualityFiles.FILES.get(SfbQualityFiles.QOE_DIALOGS), problems, (line, row) -> {
                    Instant time = SfbServerImport.time(qoeDialogs, line, row, "ConferenceDateTime", true, problems);
                    Integer seq = SfbQualityFiles.required(qoeDialogs, line, row, "SessionSeq", problems);
                    String text = row.get("DialogID");
                    SfbQualityFiles.DialogId id = text == null ? null : SfbQualityFiles.DialogId.parse(text);
                    if (id == null) {
                        problems.add(SfbServerImport.problem(
                                qoeDialogs,
                                line,
                                row,
                                "DialogID",
                                "must be a SIP dialog id such as callid;from-tag=…;to-tag=…"));
                    }
                    if (time != null && seq != null && id != null) {
                        byDialogId.add(id.callAndFrom(), QOE, line, SfbServerImport.sortKey(time, seq), id.toTag());
                    }
                });
        SfbQualityFiles.readTables(found, problems, out, bySession);
    }

    /**
     * Adds the rows of each dialog's latest QoE session to {@code byDialog}, keyed by the dialog's sort key
     * ({@link SfbServerImport#sortKey}), with {@code tag}, ordered by their file's tag and then their line (the order
     * is {@code fileTag << 40 | line}), their fields as {@link SfbQualityFiles#readTables} wrote them.
     */
    void join(ExternalSort byDialog, int tag, PrintStream out) throws IOException {
        out.println("Joining the QoE sessions to the dialogs ...");
        try (ExternalSort byCdrDialog = new ExternalSort("reports", budget)) {
            matchDialogIds(byCdrDialog);
            findLatestReports(byCdrDialog);
        }
        try (ExternalSort.Rows rows = bySession.sorted()) {
            ExternalSort.Row row = rows.next();
            while (row != null) {
                String session = row.key();
                ExternalSort.Row joined = null; // a QoE key written twice in qoe-dialogs: its last row counts
                for (; row != null && row.key().equals(session) && row.tag() == JOINED; row = rows.next()) {
                    joined = row;
                }
                String dialog = null;
                if (joined != null) {
                    if ("1".equals(joined.fields().get(1))) {
                        dialog = joined.fields().get(0);
                    } else {
                        superseded++;
                    }
                }
                for (; row != null && row.key().equals(session); row = rows.next()) {
                    if (dialog != null) {
                        byDialog.add(
                                new ExternalSort.Row(dialog, tag, (long) row.tag() << 40 | row.order(), row.fields()));
                    }
                }
            }
        }
    }

    /** QoE sessions whose dialog is not in the export's {@code dialogs}. */
    long unmatched() {
        return unmatched;
    }

    /** Earlier QoE sessions of a dialog that a later one replaced. */
    long superseded() {
        return superseded;
    }

    @Override
    public void close() throws IOException {
        try (bySession) {
            byDialogId.close();
        }
    }

    /** Each QoE session matched to a CDR dialog goes to {@code byCdrDialog}: its QoE key, ordered by its line. */
    private void matchDialogIds(ExternalSort byCdrDialog) throws IOException {
        try (ExternalSort.Rows rows = byDialogId.sorted()) {
            ExternalSort.Row row = rows.next();
            while (row != null) {
                String callAndFrom = row.key();
                List<ExternalSort.Row> candidates = new ArrayList<>(1);
                for (; row != null && row.key().equals(callAndFrom); row = rows.next()) {
                    if (row.tag() == CDR) {
                        candidates.add(row);
                        budget.hold(1);
                        continue;
                    }
                    String dialog = match(candidates, row.fields().get(1));
                    if (dialog == null) {
                        unmatched++;
                    } else {
                        byCdrDialog.add(dialog, 0, row.order(), row.fields().get(0));
                    }
                }
                budget.release(candidates.size());
            }
        }
    }

    /**
     * The CDR dialog of a QoE session: the one of the same Call-ID, from-tag and to-tag; a report or record without a
     * to-tag names the dialog by Call-ID and from-tag, when that is unambiguous. Candidates are in file order.
     */
    private static @Nullable String match(List<ExternalSort.Row> candidates, @Nullable String toTag) {
        for (ExternalSort.Row candidate : candidates) {
            if (toTag != null && toTag.equals(candidate.fields().get(1))) {
                return candidate.fields().get(0);
            }
        }
        return candidates.size() == 1
                        && (toTag == null || candidates.get(0).fields().get(1) == null)
                ? candidates.get(0).fields().get(0)
                : null;
    }

    /**
     * Each matched QoE session goes to {@code bySession} with its CDR dialog and whether it is the dialog's latest
     * report: the latest ConferenceDateTime, then SessionSeq (the sort key orders both), of two equal the later line.
     */
    private void findLatestReports(ExternalSort byCdrDialog) throws IOException {
        try (ExternalSort.Rows rows = byCdrDialog.sorted()) {
            ExternalSort.Row row = rows.next();
            while (row != null) {
                String dialog = row.key();
                List<ExternalSort.Row> reports = new ArrayList<>(1);
                for (; row != null && row.key().equals(dialog); row = rows.next()) {
                    reports.add(row);
                    budget.hold(1);
                }
                ExternalSort.Row latest = reports.get(0);
                for (ExternalSort.Row report : reports) {
                    if (report.fields().get(0).compareTo(latest.fields().get(0)) >= 0) {
                        latest = report;
                    }
                }
                for (ExternalSort.Row report : reports) {
                    bySession.add(report.fields().get(0), JOINED, report.order(), dialog, report == latest ? "1" : "0");
                }
                budget.release(reports.size());
            }
        }
    }
}
