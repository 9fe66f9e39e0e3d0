package io.axion.lxd.internal;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** LXD's size and CPU strings ({@code 512MiB}, {@code 1GB}, {@code 0-3}) to numbers, and back. */
final class Sizes {
    private static final Pattern SIZE = Pattern.compile("^\\s*([0-9]+(?:\\.[0-9]+)?)\\s*([kKMGTPE]?)(i?)B?\\s*$");
    private static final long MIB = 1024L * 1024;
    private static final long GIB = MIB * 1024;

    private Sizes() {
    }

    /** Bytes of an LXD size ({@code 512MiB}, {@code 2GB}, {@code 1048576}); null for empty or a percentage. */
    static Long parseBytes(String value) {
        if (value == null || value.isBlank() || value.contains("%")) {
            return null;
        }
        Matcher m = SIZE.matcher(value);
        if (!m.matches()) {
            return null;
        }
        BigDecimal number = new BigDecimal(m.group(1));
        String unit = m.group(2).toUpperCase(Locale.ROOT);
        long base = m.group(3).isEmpty() ? 1000 : 1024;
        int power = unit.isEmpty() ? 0 : "KMGTPE".indexOf(unit) + 1;
        return number.multiply(BigDecimal.valueOf(base).pow(power)).longValue();
    }

    /** Whole MiB (rounded) of an LXD memory size; null when unlimited or a percentage. */
    static Long mebibytes(String value) {
        Long bytes = parseBytes(value);
        return bytes == null ? null : Math.round(bytes / (double) MIB);
    }

    /** Whole GiB (rounded) of an LXD disk size; null when not set. */
    static Long gibibytes(String value) {
        Long bytes = parseBytes(value);
        return bytes == null ? null : Math.round(bytes / (double) GIB);
    }

    /** The number of CPUs {@code limits.cpu} allows: a count ({@code 2}) or a set ({@code 0-3,6}); null if unset. */
    static Integer cpuCount(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        if (!v.contains("-") && !v.contains(",")) {
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        int count = 0;
        for (String part : v.split(",")) {
            String[] range = part.trim().split("-");
            try {
                count += range.length == 2 ? Integer.parseInt(range[1].trim()) - Integer.parseInt(range[0].trim()) + 1 : 1;
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return count;
    }

    private static final Pattern TIME_ALLOWANCE = Pattern.compile("^\\s*([0-9]+)ms\\s*/\\s*([0-9]+)ms\\s*$");

    /**
     * The cores an instance may use: a time allowance ({@code 200ms/100ms}, a hard cap of 2 CPUs' time) wins over
     * {@code limits.cpu}, since a shared instance confined to a CPU set (the HPC scheduler's) keeps its core count
     * there while the set is the pool of cores it may run on; otherwise {@link #cpuCount(String)}.
     */
    static Integer cpuCount(String limitsCpu, String allowance) {
        Integer cores = allowanceCores(allowance);
        return cores != null ? cores : cpuCount(limitsCpu);
    }

    /** Whole cores of a time allowance ({@code 200ms/100ms} is 2), rounded up; null for a percentage or unset. */
    static Integer allowanceCores(String allowance) {
        if (allowance == null) {
            return null;
        }
        Matcher m = TIME_ALLOWANCE.matcher(allowance);
        if (!m.matches()) {
            return null;
        }
        long quota = Long.parseLong(m.group(1));
        long period = Long.parseLong(m.group(2));
        return period == 0 ? null : (int) ((quota + period - 1) / period);
    }

    /** The time allowance worth {@code cores} whole CPUs, as the HPC scheduler writes it. */
    static String allowance(int cores) {
        return cores * 100 + "ms/100ms";
    }

    static String memoryLimit(int memoryMiB) {
        return memoryMiB + "MiB";
    }

    static String diskSize(int diskGiB) {
        return diskGiB + "GiB";
    }
}
