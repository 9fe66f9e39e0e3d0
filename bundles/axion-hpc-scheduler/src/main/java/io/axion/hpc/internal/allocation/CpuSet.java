package io.axion.hpc.internal.allocation;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** LXD's CPU set notation ({@code 0-3,6-6}): written into {@code limits.cpu}, read back from it. */
public final class CpuSet {
    private CpuSet() {
    }

    public static String format(List<Integer> cpus) {
        StringBuilder out = new StringBuilder();
        List<Integer> sorted = new ArrayList<>(new TreeSet<>(cpus));
        for (int i = 0; i < sorted.size(); i++) {
            int start = sorted.get(i);
            int end = start;
            while (i + 1 < sorted.size() && sorted.get(i + 1) == end + 1) {
                end = sorted.get(++i);
            }
            if (!out.isEmpty()) {
                out.append(',');
            }
            // A lone CPU is written as a range ("2-2"): LXD reads a bare number as a count of CPUs, not as a pin.
            out.append(start).append('-').append(end);
        }
        return out.toString();
    }

    /** @return the CPUs of a set, or empty when the value is a count ({@code 2}) rather than a set */
    public static List<Integer> parse(String value) {
        if (value == null || value.isBlank() || (!value.contains("-") && !value.contains(","))) {
            return List.of();
        }
        List<Integer> cpus = new ArrayList<>();
        for (String part : value.split(",")) {
            String[] range = part.trim().split("-");
            int start = Integer.parseInt(range[0].trim());
            int end = range.length > 1 ? Integer.parseInt(range[1].trim()) : start;
            for (int cpu = start; cpu <= end; cpu++) {
                cpus.add(cpu);
            }
        }
        return cpus;
    }
}
