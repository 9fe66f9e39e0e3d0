package io.axion.telemetry.internal.stats;

import java.time.Duration;

/**
 * The resolutions statistics are kept at, like an RRD's archives: each holds a fixed number of buckets, so a series
 * never takes more room than {@link #storedBuckets()} rows however long it lives. The 1 s tier lives only in memory.
 */
public enum Tier {
    SECOND(1, 600),
    TEN_SECONDS(10, 8_640),
    MINUTE(60, 10_080),
    TEN_MINUTES(600, 4_320),
    HOUR(3_600, 8_760);

    private final int stepSeconds;
    private final int capacity;

    Tier(int stepSeconds, int capacity) {
        this.stepSeconds = stepSeconds;
        this.capacity = capacity;
    }

    public int stepSeconds() {
        return stepSeconds;
    }

    /** Buckets kept: 10 minutes, a day, a week, 30 days, 365 days. */
    public int capacity() {
        return capacity;
    }

    public Duration retention() {
        return Duration.ofSeconds((long) stepSeconds * capacity);
    }

    public boolean inMemory() {
        return this == SECOND;
    }

    /** The start of the bucket holding {@code epochSecond}. */
    public long bucketStart(long epochSecond) {
        return Math.floorDiv(epochSecond, stepSeconds) * stepSeconds;
    }

    /** The row a bucket overwrites: a ring of {@link #capacity} slots. */
    public int slot(long bucketStart) {
        return (int) Math.floorMod(Math.floorDiv(bucketStart, stepSeconds), (long) capacity);
    }

    /** The finest tier whose retention reaches back to {@code spanSeconds} ago; the coarsest when none does. */
    public static Tier forSpan(long spanSeconds) {
        for (Tier tier : values()) {
            if (tier.retention().getSeconds() >= spanSeconds) {
                return tier;
            }
        }
        return HOUR;
    }

    /** Rows one series holds in the store when every stored tier is full. */
    public static int storedBuckets() {
        int rows = 0;
        for (Tier tier : values()) {
            rows += tier.inMemory() ? 0 : tier.capacity;
        }
        return rows;
    }
}
