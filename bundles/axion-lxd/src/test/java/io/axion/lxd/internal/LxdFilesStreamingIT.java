package io.axion.lxd.internal;

import io.axion.api.lxd.FileAttributes;
import io.axion.api.lxd.FileDownload;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 20 MB binary file goes in and out byte for byte. Failsafe runs this class with {@code -Xmx16m}: a heap
 * smaller than the file, so holding the file in memory anywhere would fail with OutOfMemoryError.
 */
class LxdFilesStreamingIT extends LxdProjectSupport {
    private static final Logger LOG = LoggerFactory.getLogger(LxdFilesStreamingIT.class);
    private static final long SIZE = 20L * 1000 * 1000;

    @Test
    void twentyMegabytesRoundTripWithoutBufferingTheFile() throws Exception {
        assertThat(Runtime.getRuntime().maxMemory()).as("max heap (run with -Xmx16m)").isLessThan(SIZE);
        // LXD's file API works on a stopped instance too, which keeps this test independent of start times.
        String name = uniqueName("stream");
        instances.create(io.axion.api.lxd.InstanceSpec.of(name, BUSYBOX).withStart(false));
        var files = new LxdFilesService(lxd);
        Path source = Files.createTempFile("axion-it-", ".bin");
        try {
            String expected = writeRandom(source, SIZE);
            resetPeaks();

            long t0 = System.nanoTime();
            files.write(name, "/big.bin", source, FileAttributes.defaults());
            long t1 = System.nanoTime();
            try (InputStream stream = Files.newInputStream(source)) {
                files.write(name, "/big-stream.bin", stream, new FileAttributes(0, 0, 0600));
            }
            long t2 = System.nanoTime();
            assertThat(files.stat(name, "/big.bin").size()).isEqualTo(SIZE);
            assertThat(files.stat(name, "/big-stream.bin").size()).isEqualTo(SIZE);

            assertThat(sha256Of(files, name, "/big.bin")).isEqualTo(expected);
            long t3 = System.nanoTime();
            assertThat(sha256Of(files, name, "/big-stream.bin")).isEqualTo(expected);
            LOG.info("20 MB upload (path) {} ms, upload (stream) {} ms, download {} ms; peak heap {} KiB of max {} KiB",
                    (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000, (t3 - t2) / 1_000_000,
                    peakHeapBytes() / 1024, Runtime.getRuntime().maxMemory() / 1024);
            assertThat(peakHeapBytes()).isLessThan(SIZE);
        } finally {
            Files.deleteIfExists(source);
        }
    }

    private static String sha256Of(LxdFilesService files, String instance, String path) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (FileDownload download = files.read(instance, path);
             InputStream in = new DigestInputStream(download.content(), digest)) {
            assertThat(download.entry().size()).isEqualTo(SIZE);
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            int n;
            while ((n = in.read(buffer)) >= 0) {
                total += n;
            }
            assertThat(total).isEqualTo(SIZE);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static String writeRandom(Path file, long size) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        Random random = new Random(42);
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < size; written += chunk.length) {
                random.nextBytes(chunk);
                int n = (int) Math.min(chunk.length, size - written);
                out.write(chunk, 0, n);
                digest.update(chunk, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void resetPeaks() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    /** Sum of the heap pools' peaks since the last reset: an upper bound of the heap in use at any moment. */
    private static long peakHeapBytes() {
        return ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP)
                .mapToLong(p -> p.getPeakUsage().getUsed())
                .sum();
    }

}
