package io.axion.telemetry.internal.stats;

import java.util.Optional;

/** The figures kept for every instance and host, in the order they are packed into a stored bucket. */
public enum Metric {
    /** CPU in percent of one core (150 = one and a half cores busy), as in the live usage's cores times 100. */
    CPU("cpu"),
    /** Memory in use, bytes. */
    MEMORY("memory"),
    DISK_READ("diskRead"),
    DISK_WRITE("diskWrite"),
    NET_RX("netRx"),
    NET_TX("netTx");

    public static final int COUNT = values().length;

    private final String apiName;

    Metric(String apiName) {
        this.apiName = apiName;
    }

    /** The name in {@code ?metric=} and in answers. */
    public String apiName() {
        return apiName;
    }

    public static Optional<Metric> parse(String name) {
        for (Metric metric : values()) {
            if (metric.apiName.equals(name)) {
                return Optional.of(metric);
            }
        }
        return Optional.empty();
    }
}
