package io.axion.api.lxd;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * A file being read from an instance: its metadata and its bytes as they arrive. Close it (also when not read to
 * the end) to release the connection.
 */
public record FileDownload(FileEntry entry, InputStream content) implements AutoCloseable {

    @Override
    public void close() {
        try {
            content.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
