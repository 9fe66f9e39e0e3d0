package io.axion.api.quota;

/**
 * One resource of the quota.
 *
 * @param limit     the ceiling instances may together be given
 * @param allocated what instances (running or stopped, also those made outside Axion) and pending reservations
 *                  hold now; may be above {@code limit} when instances were made or changed outside Axion
 * @param physical  what the host has (for CPU: its physical cores; the limit may go up to
 *                  {@code physical × cpuOvercommit})
 */
public record QuotaAmount(long limit, long allocated, long physical) {

    public long available() {
        return Math.max(0, limit - allocated);
    }

    public boolean overLimit() {
        return allocated > limit;
    }
}
