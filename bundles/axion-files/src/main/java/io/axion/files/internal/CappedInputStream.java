package io.axion.files.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Passes an upload through while counting it, and fails the read that goes past the cap, so an upload without a
 * Content-Length (or with a false one) cannot write more than the cap either.
 */
final class CappedInputStream extends FilterInputStream {
    private final long max;
    private long count;
    private volatile boolean exceeded;

    CappedInputStream(InputStream in, long max) {
        super(in);
        this.max = max;
    }

    /** Whether the content went past the cap (the copy was then aborted). */
    boolean exceeded() {
        return exceeded;
    }

    long count() {
        return count;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
            add(1);
        }
        return b;
    }

    @Override
    public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
            add(n);
        }
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        add(skipped);
        return skipped;
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    private void add(long n) throws IOException {
        count += n;
        if (count > max) {
            exceeded = true;
            throw new IOException("The upload is larger than " + max + " bytes");
        }
    }
}
