package org.commsportal.importing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The output of an import run from the upload page: the importers print to it as to the command line, and it hands
 * each line (with the upload folder's path taken out, so problems name the uploaded file) and each progress step to
 * the page's {@link ImportUploads.Watcher}. One importer, two doors (docs/import-teams-call-records.md, "Upload").
 */
final class ImportConsole extends PrintStream {

    private final ImportUploads.Watcher watcher;

    ImportConsole(ImportUploads.Watcher watcher, String folderPrefix) {
        super(new Lines(watcher, folderPrefix), true, StandardCharsets.UTF_8);
        this.watcher = watcher;
    }

    void progress(long done, long total, String what, double perSecond, long secondsLeft) {
        watcher.progress(new ImportUploads.Progress(done, total, what, perSecond, secondsLeft));
    }

    void rebuilding(int step, int steps, String what) {
        watcher.rebuilding(new ImportUploads.Rebuilding(step, steps, what));
    }

    /** Collects bytes until a line ends, then hands the line on. */
    private static final class Lines extends ByteArrayOutputStream {
        private final ImportUploads.Watcher watcher;
        private final String folderPrefix;

        Lines(ImportUploads.Watcher watcher, String folderPrefix) {
            this.watcher = watcher;
            this.folderPrefix = folderPrefix;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                emit();
            } else {
                super.write(b);
            }
        }

        @Override
        public synchronized void write(byte[] bytes, int offset, int length) {
            for (int i = offset; i < offset + length; i++) {
                write(bytes[i]);
            }
        }

        private void emit() {
            String line =
                    toString(StandardCharsets.UTF_8).replace(folderPrefix, "").stripTrailing();
            reset();
            watcher.line(line);
        }
    }
}
