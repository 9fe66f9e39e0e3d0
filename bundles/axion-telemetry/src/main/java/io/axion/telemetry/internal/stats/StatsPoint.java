package io.axion.telemetry.internal.stats;

/** One bucket of one metric: its start (epoch seconds) and the min, average and max of its samples. */
public record StatsPoint(long t, double min, double avg, double max) {
}
