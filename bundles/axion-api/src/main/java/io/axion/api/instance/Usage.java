package io.axion.api.instance;

/**
 * What an instance uses right now.
 *
 * @param cpuPercent  CPU use over the last sampling period, in percent of one core (200 = two cores busy)
 * @param memoryBytes memory in use
 */
public record Usage(double cpuPercent, long memoryBytes) {
    /** Nothing measured (a stopped instance, or no telemetry installed). */
    public static final Usage NONE = new Usage(0, 0);
}
