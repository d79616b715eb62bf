package org.commsportal.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/** Stops reading a request body that turns out longer than allowed (a chunked body has no length up front). */
final class LimitedInputStream extends FilterInputStream {

    static final class TooLarge extends IOException {
        TooLarge() {
            super("request body over the limit");
        }
    }

    private final long limit;
    private long read;

    LimitedInputStream(InputStream in, long limit) {
        super(in);
        this.limit = limit;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            count(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            count(n);
        }
        return n;
    }

    private void count(long n) throws TooLarge {
        read += n;
        if (read > limit) {
            throw new TooLarge();
        }
    }
}
