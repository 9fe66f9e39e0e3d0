package io.axion.telemetry.internal.cgroup;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads cgroup counter files with one open, one read and one close each, into a reused buffer: a sweep over
 * hundreds of instances reads two files per instance every second, so the reader allocates nothing per file but
 * the channel itself. Not thread-safe: one reader per sweeping thread.
 */
public final class CgroupReader {
    private static final byte[] USAGE_USEC = "usage_usec ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** cpu.stat holds a handful of short lines; the usage line is the first. */
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(1024);

    /**
     * The group's counters, or null when it does not exist (the instance is not running on this host).
     *
     * @throws IOException when a file exists but cannot be read or parsed
     */
    public CgroupSample read(CgroupLayout.CgroupFiles files) throws IOException {
        long cpu;
        try {
            cpu = files.version() == CgroupVersion.V1 ? readNumber(files.cpu()) : readUsageUsec(files.cpu()) * 1000L;
        } catch (NoSuchFileException e) {
            return null;
        }
        long memory;
        try {
            memory = readNumber(files.memory());
        } catch (NoSuchFileException e) {
            memory = -1;
        }
        return new CgroupSample(cpu, memory);
    }

    /** A file holding one decimal number (e.g. {@code cpuacct.usage}, {@code memory.current}). */
    long readNumber(Path file) throws IOException {
        int length = fill(file);
        return parseNumber(buffer, 0, length, file);
    }

    /** The {@code usage_usec} line of a cgroup v2 {@code cpu.stat}. */
    long readUsageUsec(Path file) throws IOException {
        int length = fill(file);
        int line = 0;
        while (line < length) {
            if (startsWith(buffer, line, length, USAGE_USEC)) {
                return parseNumber(buffer, line + USAGE_USEC.length, length, file);
            }
            while (line < length && buffer.get(line) != '\n') {
                line++;
            }
            line++;
        }
        throw new IOException("No usage_usec in " + file);
    }

    private int fill(Path file) throws IOException {
        buffer.clear();
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            // Kernel attribute files answer in one read; loop anyway for regular files (tests, fake trees).
            while (buffer.hasRemaining() && channel.read(buffer) > 0) {
                // keep reading
            }
        }
        return buffer.position();
    }

    private static boolean startsWith(ByteBuffer bytes, int offset, int length, byte[] prefix) {
        if (offset + prefix.length > length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (bytes.get(offset + i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static long parseNumber(ByteBuffer bytes, int from, int length, Path file) throws IOException {
        long value = 0;
        int digits = 0;
        for (int i = from; i < length; i++) {
            byte b = bytes.get(i);
            if (b >= '0' && b <= '9') {
                value = value * 10 + (b - '0');
                digits++;
            } else if (digits > 0 || (b != ' ' && b != '\t')) {
                break;
            }
        }
        if (digits == 0) {
            throw new IOException("Not a number in " + file);
        }
        return value;
    }
}
