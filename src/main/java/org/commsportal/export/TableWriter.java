package org.commsportal.export;

import java.io.IOException;

/** Writes rows to an output stream as they arrive; {@link #close()} finishes the file. */
public interface TableWriter<R> extends AutoCloseable {

    void write(R row) throws IOException;

    /** Data rows written so far; the header row is not counted. */
    long rowsWritten();

    /** Finishes the file and flushes it, but leaves the underlying stream open: it belongs to the caller. */
    @Override
    void close() throws IOException;
}
