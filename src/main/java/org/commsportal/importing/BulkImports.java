package org.commsportal.importing;

import java.io.PrintStream;
import org.commsportal.sessions.BulkSessionWriter;

/** The end of an importer's bulk path: the read models of the imported days rebuilt, and how long it took. */
final class BulkImports {

    private BulkImports() {}

    static void finish(BulkSessionWriter bulkSessions, PrintStream out) {
        out.println("Rebuilding the reports of the imported days ...");
        long started = System.nanoTime();
        // the upload page shows each step, so that a long rebuild does not look stuck
        var rebuilt =
                out instanceof ImportConsole console ? bulkSessions.finish(console::rebuilding) : bulkSessions.finish();
        out.printf(
                "Rebuilt the daily rollups and %d read models in %.1f s; every report is exact again.%n",
                rebuilt.size(), (System.nanoTime() - started) / 1e9);
    }
}
