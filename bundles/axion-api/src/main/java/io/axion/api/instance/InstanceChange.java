package io.axion.api.instance;

/**
 * A change of the instance view.
 *
 * @param before the instance as it was; null when it was {@link Kind#ADDED}
 * @param after  the instance as it is now; null when it was {@link Kind#REMOVED}
 */
public record InstanceChange(Kind kind, String name, Instance before, Instance after) {

    public enum Kind { ADDED, UPDATED, REMOVED }
}
