package io.axion.telemetry.internal.cgroup;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Reads cgroup counter files into a reused buffer. A sweep reads two files per instance every second, so the files
 * stay open and each read is one {@code pread} at offset 0, which makes the kernel render the current value (a
 * quarter of the cost of open, read and close). A file whose group was removed or replaced fails or reads empty and
 * is opened anew; past {@code maxOpenFiles} files are opened for each read. Not thread-safe: one reader per sweeping
 * thread.
 */
public final class CgroupReader implements AutoCloseable {
    /** Two files per instance: room for 2,048 instances. */
    public static final int DEFAULT_MAX_OPEN_FILES = 4096;
    private static final byte[] USAGE_USEC = "usage_usec ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** cpu.stat holds a handful of short lines; the usage line is the first. */
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(1024);
    private final Map<Path, FileChannel> open = new HashMap<>();
    private final int maxOpenFiles;

    public CgroupReader() {
        this(DEFAULT_MAX_OPEN_FILES);
    }

    public CgroupReader(int maxOpenFiles) {
        this.maxOpenFiles = maxOpenFiles;
    }

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
        FileChannel cached = open.get(file);
        if (cached != null) {
            try {
                int length = readFromStart(cached);
                if (length > 0) {
                    return length;
                }
            } catch (IOException e) {
                // the group was removed (ENODEV) or replaced: open the file anew below
            }
            open.remove(file);
            closeQuietly(cached);
        }
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            int length = readFromStart(channel);
            if (open.size() < maxOpenFiles) {
                open.put(file, channel);
                channel = null;
            }
            return length;
        } finally {
            closeQuietly(channel);
        }
    }

    private int readFromStart(FileChannel channel) throws IOException {
        buffer.clear();
        long position = 0;
        int n;
        // Kernel attribute files answer in one read; loop anyway for regular files (tests, fake trees).
        while (buffer.hasRemaining() && (n = channel.read(buffer, position)) > 0) {
            position += n;
        }
        return buffer.position();
    }

    /** Closes the files of groups no longer sampled (deleted instances). */
    public void retainOnly(Set<Path> files) {
        for (Iterator<Map.Entry<Path, FileChannel>> it = open.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Path, FileChannel> entry = it.next();
            if (!files.contains(entry.getKey())) {
                closeQuietly(entry.getValue());
                it.remove();
            }
        }
    }

    /** Files held open now. */
    public int openFiles() {
        return open.size();
    }

    @Override
    public void close() {
        open.values().forEach(CgroupReader::closeQuietly);
        open.clear();
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // nothing to do
            }
        }
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
