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
    /** Up to five files per instance (CPU, memory, disk, processes, network): room for 1,600 instances. */
    public static final int DEFAULT_MAX_OPEN_FILES = 8192;
    private static final byte[] USAGE_USEC = "usage_usec ".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    /** cpu.stat holds a handful of short lines; blkio and net/dev a few lines per device. */
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(16 * 1024);
    private final byte[] text = new byte[16 * 1024];
    private final Map<Path, FileChannel> open = new HashMap<>();
    private final int maxOpenFiles;
    private final Path proc;

    public CgroupReader() {
        this(DEFAULT_MAX_OPEN_FILES);
    }

    public CgroupReader(int maxOpenFiles) {
        this(maxOpenFiles, Path.of("/proc"));
    }

    /** @param proc where the processes' files are ({@code /proc}; a fake tree in tests) */
    public CgroupReader(int maxOpenFiles, Path proc) {
        this.maxOpenFiles = maxOpenFiles;
        this.proc = proc;
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
        long[] disk = {-1, -1};
        long[] net = {-1, -1};
        if (files.io() != null) {
            readDisk(files, disk);
        }
        if (files.procs() != null) {
            readNetwork(files.procs(), net);
        }
        return new CgroupSample(cpu, memory, disk[0], disk[1], net[0], net[1]);
    }

    /** Read and written bytes over all devices: v1 lines {@code MAJ:MIN Read N}, v2 {@code MAJ:MIN rbytes=N wbytes=N}. */
    private void readDisk(CgroupLayout.CgroupFiles files, long[] readWrite) {
        int length;
        try {
            length = fillText(files.io());
        } catch (IOException e) {
            return; // no blkio/io controller for this group: disk stays unknown
        }
        long read = 0;
        long written = 0;
        int line = 0;
        while (line < length) {
            int end = lineEnd(line, length);
            if (files.version() == CgroupVersion.V1) {
                int space = indexOf(' ', line, end);
                if (space > 0 && startsWith(space + 1, end, "Read ")) {
                    read += number(space + 6, end);
                } else if (space > 0 && startsWith(space + 1, end, "Write ")) {
                    written += number(space + 7, end);
                }
            } else {
                read += field(line, end, "rbytes=");
                written += field(line, end, "wbytes=");
            }
            line = end + 1;
        }
        readWrite[0] = read;
        readWrite[1] = written;
    }

    /**
     * Received and sent bytes of the network devices in the namespace of the group's first process, loopback left
     * out; unknown when the group has no process or the instance no device but loopback.
     */
    private void readNetwork(Path procs, long[] rxTx) {
        long pid;
        int length;
        try {
            pid = readNumber(procs);
            length = fillText(proc.resolve(Long.toString(pid)).resolve("net").resolve("dev"));
        } catch (IOException e) {
            return;
        }
        long rx = 0;
        long tx = 0;
        boolean devices = false;
        int line = 0;
        while (line < length) {
            int end = lineEnd(line, length);
            int colon = indexOf(':', line, end);
            if (colon > 0 && indexOf('|', line, end) < 0) {
                int name = line;
                while (name < colon && text[name] == ' ') {
                    name++;
                }
                if (!(colon - name == 2 && text[name] == 'l' && text[name + 1] == 'o')) {
                    devices = true;
                    int position = colon + 1;
                    for (int column = 0; column < 9 && position < end; column++) {
                        while (position < end && text[position] == ' ') {
                            position++;
                        }
                        if (column == 0) {
                            rx += number(position, end);
                        } else if (column == 8) {
                            tx += number(position, end);
                        }
                        while (position < end && text[position] != ' ') {
                            position++;
                        }
                    }
                }
            }
            line = end + 1;
        }
        if (devices) {
            rxTx[0] = rx;
            rxTx[1] = tx;
        }
    }

    private int fillText(Path file) throws IOException {
        int length = fill(file);
        buffer.get(0, text, 0, length);
        return length;
    }

    private int lineEnd(int from, int length) {
        int end = from;
        while (end < length && text[end] != '\n') {
            end++;
        }
        return end;
    }

    private int indexOf(char c, int from, int end) {
        for (int i = from; i < end; i++) {
            if (text[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private boolean startsWith(int from, int end, String prefix) {
        if (from + prefix.length() > end) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (text[from + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** The number after {@code key} in a line of {@code key=value} pairs; 0 when absent. */
    private long field(int from, int end, String key) {
        for (int i = from; i + key.length() <= end; i++) {
            if ((i == from || text[i - 1] == ' ') && startsWith(i, end, key)) {
                return number(i + key.length(), end);
            }
        }
        return 0;
    }

    private long number(int from, int end) {
        long value = 0;
        for (int i = from; i < end && text[i] >= '0' && text[i] <= '9'; i++) {
            value = value * 10 + (text[i] - '0');
        }
        return value;
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
