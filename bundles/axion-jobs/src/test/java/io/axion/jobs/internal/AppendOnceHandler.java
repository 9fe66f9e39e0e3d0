package io.axion.jobs.internal;

import io.axion.api.job.JobContext;
import io.axion.api.job.JobHandler;
import io.axion.api.job.JobResult;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CountDownLatch;

/**
 * A handler written the way real ones must be: check before act. Its side effect is a line with the job's id
 * appended to a file; when the line is already there (an earlier attempt did it before its node died), it does
 * nothing. When {@code hangAfterActing}, it then signals with a marker file and hangs, so that a test can kill
 * its JVM mid-job.
 */
final class AppendOnceHandler implements JobHandler {
    private final Path sideEffects;
    private final Path actedMarker;
    private final boolean hangAfterActing;

    AppendOnceHandler(Path sideEffects, Path actedMarker, boolean hangAfterActing) {
        this.sideEffects = sideEffects;
        this.actedMarker = actedMarker;
        this.hangAfterActing = hangAfterActing;
    }

    @Override
    public JobResult process(JobContext context) throws Exception {
        boolean already = Files.exists(sideEffects) && Files.readAllLines(sideEffects).contains(context.id());
        if (already) {
            context.log("side effect already present: nothing to do");
        } else {
            appendDurably(context.id() + "\n");
            context.log("side effect done");
        }
        if (hangAfterActing) {
            // Written aside and moved into place: the test polls for the marker and must never read it half-written.
            Path written = Files.writeString(actedMarker.resolveSibling(actedMarker.getFileName() + ".tmp"),
                    context.id());
            Files.move(written, actedMarker, StandardCopyOption.ATOMIC_MOVE);
            new CountDownLatch(1).await();
        }
        return JobResult.ok(already ? "found done" : "done");
    }

    private void appendDurably(String line) throws IOException {
        try (FileChannel file = FileChannel.open(sideEffects, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND)) {
            file.write(StandardCharsets.UTF_8.encode(line));
            file.force(true);
        }
    }
}
