package io.axion.telemetry.internal.sampling;

import io.axion.api.lxd.InstanceInfo;
import io.axion.api.lxd.InstanceStatus;
import io.axion.telemetry.internal.cgroup.CgroupLayout;

/**
 * One instance to sample, as the latest listing described it.
 *
 * @param files where its counters are on this host; null when there are no local cgroups
 */
public record InstanceTarget(String name, InstanceStatus status, Integer cpuLimit, Long memoryLimitBytes,
                      CgroupLayout.CgroupFiles files) {

    public static InstanceTarget of(InstanceInfo info, String project, CgroupLayout layout) {
        Long memory = info.memoryMiB() == null ? null : info.memoryMiB() * 1024 * 1024;
        CgroupLayout.CgroupFiles files = layout == null ? null
                : layout.files(CgroupLayout.groupName(project, info.name()));
        return new InstanceTarget(info.name(), info.status(), info.cpu(), memory, files);
    }

    /** Whether LXD said it runs (a frozen instance still holds its memory). */
    boolean running() {
        return status == InstanceStatus.RUNNING || status == InstanceStatus.FROZEN;
    }
}
