package io.axion.quota.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The governor's settings (PID {@code io.axion.quota}); etc/io.axion.quota.cfg layers AXION_CPU_OVERCOMMIT on top. */
@ObjectClassDefinition(name = "Axion quota", description = "The global CPU and memory governor")
public @interface QuotaConfig {

    @AttributeDefinition(description = "How many instance cores each physical core may back: the CPU limit may go up "
            + "to physical cores × this (1 for HPC hosts that dedicate cores; e.g. 4 for game servers). Memory is never "
            + "overcommitted")
    double cpuOvercommit() default 1.0;

    @AttributeDefinition(description = "After a create or resize succeeded, its reservation keeps counting this long, "
            + "seconds, until every member's view of LXD shows the new limits")
    int settleSeconds() default 30;

    @AttributeDefinition(description = "How long a reservation may wait for the cluster-wide quota lock, seconds")
    int lockWaitSeconds() default 10;

    /**
     * An instance whose root disk takes the storage pool's default has no size Axion can read (LXD's dir pool, the
     * usual one here, gives it none: it grows as far as the pool's filesystem). Counting it as 0 would let a tenant
     * with a diskGiB quota make any number of such instances, so it counts this much instead: the size cloud images
     * commonly take for their root disk.
     */
    long DEFAULT_DISK_GIB = 10;

    @AttributeDefinition(description = "The root disk, GiB, that a tenant's diskGiB quota counts for an instance "
            + "whose disk takes the storage pool's default (no size of its own)")
    long defaultDiskGiB() default DEFAULT_DISK_GIB;
}
