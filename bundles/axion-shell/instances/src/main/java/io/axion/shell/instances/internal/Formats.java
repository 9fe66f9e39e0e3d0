package io.axion.shell.instances.internal;

import io.axion.api.instance.PortForward;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** How instance figures read in a table. */
final class Formats {
    private Formats() {
    }

    static String cpu(Integer cores) {
        return cores == null ? "unlimited" : cores.toString();
    }

    static String memory(Long mebibytes) {
        return mebibytes == null ? "unlimited" : mebibytes + " MiB";
    }

    static String bytes(long bytes) {
        if (bytes <= 0) {
            return "";
        }
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
    }

    static String percent(double percent, long memoryBytes) {
        return percent == 0 && memoryBytes == 0 ? "" : String.format(Locale.ROOT, "%.1f", percent);
    }

    static String forwards(List<PortForward> forwards) {
        return forwards.stream().map(f -> f.hostPort() + "->" + f.containerPort() + "/" + f.protocol())
                .collect(Collectors.joining(", "));
    }
}
