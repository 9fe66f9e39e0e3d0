package io.axion.lxd.internal;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.axion.api.lxd.LxdBackups;
import io.axion.api.lxd.LxdNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.eclipse.jetty.client.PathRequestContent;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpMethod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Backups: export (create, download, remove from LXD), import, rename. */
public final class LxdBackupsService implements LxdBackups {
    private static final Logger LOG = LoggerFactory.getLogger(LxdBackupsService.class);
    private static final long PROGRESS_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);
    private final LxdConnection lxd;

    public LxdBackupsService(LxdConnection lxd) {
        this.lxd = lxd;
    }

    @Override
    public void export(String instance, String backup, Path target, LongConsumer progress) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("name", backup).put("instance_only", true)
                .put("optimized_storage", false).put("compression_algorithm", "gzip");
        String backups = "/1.0/instances/" + instance + "/backups";
        // A run killed between LXD's export and its removal left the backup behind under this name: start over.
        removeLeftover(instance, backups + "/" + backup);
        lxd.call(LxdConnection.withJson(lxd.request(HttpMethod.POST, backups), body), Subject.instance(instance),
                "back up " + instance, lxd.settings().operationTimeout());
        try {
            // The archive can be large: stream it, with the operation timeout rather than the request timeout.
            Request download = longRequest(HttpMethod.GET, backups + "/" + backup + "/export");
            LxdConnection.StreamingResponse response = lxd.stream(download, Subject.instance(instance),
                    "download backup " + backup);
            try (InputStream in = response.body();
                 OutputStream out = Files.newOutputStream(target)) {
                copy(in, out, progress);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } finally {
            removeQuietly(instance, backups + "/" + backup);
        }
    }

    private static void copy(InputStream in, OutputStream out, LongConsumer progress) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long written = 0;
        long reportedAt = System.nanoTime();
        for (int n; (n = in.read(buffer)) >= 0; ) {
            out.write(buffer, 0, n);
            written += n;
            if (System.nanoTime() - reportedAt >= PROGRESS_INTERVAL_NANOS) {
                progress.accept(written);
                reportedAt = System.nanoTime();
            }
        }
        progress.accept(written);
    }

    @Override
    public void importArchive(String name, Path archive, LongConsumer progress) {
        try {
            // X-LXD-name (extension backup_override_name) gives the new instance its name instead of the archived one.
            Request request = longRequest(HttpMethod.POST, "/1.0/instances").headers(h -> h.put("X-LXD-name", name))
                    .body(new ProgressContent(new PathRequestContent("application/octet-stream", archive), progress,
                            PROGRESS_INTERVAL_NANOS));
            lxd.call(request, Subject.instance(name), "import " + name, lxd.settings().operationTimeout());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void rename(String from, String to) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("name", to);
        lxd.call(LxdConnection.withJson(lxd.request(HttpMethod.POST, "/1.0/instances/" + from), body),
                Subject.instance(from), "rename " + from + " to " + to, lxd.settings().operationTimeout());
    }

    private Request longRequest(HttpMethod method, String path) {
        return lxd.request(method, path).timeout(lxd.settings().operationTimeout().toMillis(), TimeUnit.MILLISECONDS);
    }

    private void remove(String instance, String path) {
        lxd.call(lxd.request(HttpMethod.DELETE, path), Subject.instance(instance), "remove LXD backup " + path,
                lxd.settings().operationTimeout());
    }

    private void removeLeftover(String instance, String path) {
        try {
            remove(instance, path);
            LOG.info("Removed LXD backup {} left by an earlier, interrupted run", path);
        } catch (LxdNotFoundException none) {
            // the usual case: nothing left over
        }
    }

    private void removeQuietly(String instance, String path) {
        try {
            remove(instance, path);
        } catch (RuntimeException e) {
            // LXD expires its backups itself too; a leftover costs disk until then, not correctness.
            LOG.warn("Could not remove LXD backup {}: {}", path, e.getMessage());
        }
    }
}
