package io.axion.lxd.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.axion.api.lxd.FileAttributes;
import io.axion.api.lxd.FileDownload;
import io.axion.api.lxd.FileEntry;
import io.axion.api.lxd.FileType;
import io.axion.api.lxd.LxdFiles;
import io.axion.api.lxd.LxdNotFoundException;
import io.axion.api.lxd.LxdRefusedException;
import org.eclipse.jetty.client.InputStreamRequestContent;
import org.eclipse.jetty.client.PathRequestContent;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpMethod;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Files inside instances through LXD's file API. Bodies stream through Jetty in both directions; only
 * directory listings (small JSON) are parsed whole.
 */
public final class LxdFilesService implements LxdFiles {
    private static final int PARALLEL_STATS = 4;

    private final LxdConnection lxd;
    private final ExecutorService statPool = Executors.newFixedThreadPool(PARALLEL_STATS, r -> {
        Thread t = new Thread(r, "axion-lxd-files");
        t.setDaemon(true);
        return t;
    });
    public LxdFilesService(LxdConnection lxd) {
        this.lxd = lxd;
    }
    public void close() {
        statPool.shutdownNow();
    }

    @Override
    public FileEntry stat(String instance, String path) {
        // A one-byte range answers with the type, mode and owner headers and the full size in Content-Range.
        Request request = streaming(HttpMethod.GET, instance, path).headers(h -> h.put("Range", "bytes=0-0"));
        LxdConnection.StreamingResponse response = lxd.stream(request, Subject.file(instance, path), "stat " + path);
        // An empty file has no byte 0: LXD answers 416 with "Content-Range: bytes */0" and the usual headers.
        closeQuietly(response.body());
        return FileHeaders.entry(nameOf(path), response);
    }

    @Override
    public List<FileEntry> list(String instance, String directory) {
        Subject subject = Subject.file(instance, directory);
        LxdConnection.StreamingResponse response = lxd.stream(streaming(HttpMethod.GET, instance, directory), subject,
                "list " + directory);
        JsonNode names;
        try (InputStream body = response.body()) {
            if (FileHeaders.type(response) != FileType.DIRECTORY) {
                throw new LxdRefusedException(true, 400, "list " + directory, directory + " is not a directory");
            }
            names = LxdConnection.JSON.readTree(body).path("metadata");
        } catch (IOException e) {
            throw lxd.failure("list " + directory, e);
        }
        String prefix = directory.endsWith("/") ? directory : directory + "/";
        // One stat per entry (LXD lists names only): a few at a time, since each waits on LXD's file server.
        List<CompletableFuture<FileEntry>> pending = new ArrayList<>(names.size());
        for (JsonNode name : names) {
            pending.add(CompletableFuture.supplyAsync(() -> stat(instance, prefix + name.asText()), statPool));
        }
        List<FileEntry> entries = new ArrayList<>(pending.size());
        for (CompletableFuture<FileEntry> entry : pending) {
            try {
                entries.add(entry.join());
            } catch (CompletionException e) {
                if (e.getCause() instanceof LxdNotFoundException) {
                    continue; // deleted while listing
                }
                throw e.getCause() instanceof RuntimeException r ? r : e;
            }
        }
        entries.sort(java.util.Comparator.comparing(FileEntry::name));
        return entries;
    }

    @Override
    public FileDownload read(String instance, String path) {
        LxdConnection.StreamingResponse response = lxd.stream(streaming(HttpMethod.GET, instance, path),
                Subject.file(instance, path), "read " + path);
        FileEntry entry = FileHeaders.entry(nameOf(path), response);
        if (entry.type() == FileType.DIRECTORY) {
            closeQuietly(response.body());
            throw new LxdRefusedException(true, 400, "read " + path, path + " is a directory");
        }
        return new FileDownload(entry, response.body());
    }

    @Override
    public void write(String instance, String path, InputStream content, FileAttributes attributes) {
        upload(instance, path, new InputStreamRequestContent("application/octet-stream", content, lxd.uploadBuffers()), attributes);
    }

    @Override
    public void write(String instance, String path, Path source, FileAttributes attributes) {
        try {
            upload(instance, path, new PathRequestContent("application/octet-stream", source), attributes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void mkdir(String instance, String path, FileAttributes attributes) {
        Request request = FileHeaders.withAttributes(streaming(HttpMethod.POST, instance, path), "directory", attributes);
        lxd.send(request, Subject.file(instance, path), "make directory " + path);
    }

    @Override
    public void delete(String instance, String path) {
        lxd.send(lxd.request(HttpMethod.DELETE, "/1.0/instances/" + instance + "/files").param("path", path),
                Subject.file(instance, path), "delete " + path);
    }

    private void upload(String instance, String path, Request.Content content, FileAttributes attributes) {
        Request request = FileHeaders.withAttributes(streaming(HttpMethod.POST, instance, path), "file", attributes)
                .headers(h -> h.put("X-LXD-write", "overwrite"))
                .body(content);
        lxd.send(request, Subject.file(instance, path), "write " + path);
    }

    /**
     * A file request without a total deadline (a big file may take long) but with an idle timeout, so a stalled
     * transfer still fails.
     */
    private Request streaming(HttpMethod method, String instance, String path) {
        return lxd.request(method, "/1.0/instances/" + instance + "/files")
                .param("path", path)
                .timeout(0, TimeUnit.MILLISECONDS)
                .idleTimeout(lxd.settings().requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    static String nameOf(String path) {
        String trimmed = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        int slash = trimmed.lastIndexOf('/');
        return slash < 0 || trimmed.length() == 1 ? trimmed : trimmed.substring(slash + 1);
    }

    private static void closeQuietly(InputStream in) {
        try {
            in.close();
        } catch (IOException ignored) {
            // The connection is released either way.
        }
    }
}
