package org.commsportal.export;

import java.io.OutputStream;

/** Discards what it is given, counting the bytes and noting whether it was closed. */
public final class CountingOutputStream extends OutputStream {

    private long bytes;
    private boolean closed;

    @Override
    public void write(int b) {
        bytes++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
        bytes += len;
    }

    @Override
    public void close() {
        closed = true;
    }

    public long bytes() {
        return bytes;
    }

    boolean closed() {
        return closed;
    }
}
