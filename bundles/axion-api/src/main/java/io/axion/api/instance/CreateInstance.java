package io.axion.api.instance;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The body of {@code POST /api/v1/instances}. Boxed numbers so that a missing field is reported by name (422)
 * rather than read as 0.
 *
 * @param image     an LXD image alias or fingerprint
 * @param diskGiB   root disk size; null keeps the storage pool's default
 * @param cloudInit cloud-config user-data text, given to LXD as {@code cloud-init.user-data}; null for none
 * @param start     start it once created; null means true
 * @param host      the host to create it on; null lets the placement policy choose
 * @param cpuPolicy {@code shared} (the default) or {@code dedicated}: cores of its own, for a scheduler policy
 * @param numa      {@code none} (the default), {@code preferred} or {@code strict}: a dedicated instance's cores from one
 *                  NUMA node
 * @param gpus      whole GPUs wanted, exclusive; null for none
 * @param queue     wait in the create queue when no host has room, instead of a 422 (needs a queue, such as the HPC
 *                  scheduler's); null means false
 * @param priority  the queue's order: higher first (0-1000, null is 0); then fair share, then age
 * @param placementConfig  what the placement policy adds to the instance's LXD config; set by the instance
 *                  service only (a client that sends it is refused)
 * @param placementDevices what the placement policy adds to its LXD devices; set by the instance service only
 * @param tenant    the tenant it is made in: the request's tenant, set by the REST resource (what a client sends
 *                  is replaced); null means {@code default}
 */
public record CreateInstance(String name, String image, Integer cpu, Integer memoryMiB, Integer diskGiB,
                             String cloudInit, Boolean start, String host, String cpuPolicy, String numa,
                             Integer gpus, Boolean queue, Integer priority, Map<String, String> placementConfig,
                             Map<String, Map<String, String>> placementDevices, String tenant) {

    /** A create in the {@code default} tenant. */
    public CreateInstance(String name, String image, Integer cpu, Integer memoryMiB, Integer diskGiB,
                          String cloudInit, Boolean start, String host, String cpuPolicy, String numa,
                          Integer gpus, Boolean queue, Integer priority, Map<String, String> placementConfig,
                          Map<String, Map<String, String>> placementDevices) {
        this(name, image, cpu, memoryMiB, diskGiB, cloudInit, start, host, cpuPolicy, numa, gpus, queue, priority,
                placementConfig, placementDevices, null);
    }

    /** A create with the scheduling fields unset. */
    public CreateInstance(String name, String image, Integer cpu, Integer memoryMiB, Integer diskGiB,
                          String cloudInit, Boolean start, String host) {
        this(name, image, cpu, memoryMiB, diskGiB, cloudInit, start, host, null, null, null, null, null, null, null);
    }

    /** A create that lets placement choose the host. */
    public CreateInstance(String name, String image, Integer cpu, Integer memoryMiB, Integer diskGiB,
                          String cloudInit, Boolean start) {
        this(name, image, cpu, memoryMiB, diskGiB, cloudInit, start, null);
    }

    /** The same request, for the given host. */
    public CreateInstance onHost(String chosen) {
        return new CreateInstance(name, image, cpu, memoryMiB, diskGiB, cloudInit, start, chosen, cpuPolicy, numa,
                gpus, queue, priority, placementConfig, placementDevices, tenant);
    }

    /** The same request, with what the placement policy adds to its LXD definition. */
    public CreateInstance withPlacement(Map<String, String> config, Map<String, Map<String, String>> devices) {
        return new CreateInstance(name, image, cpu, memoryMiB, diskGiB, cloudInit, start, host, cpuPolicy, numa,
                gpus, queue, priority, config, devices, tenant);
    }

    /** The same request, made in {@code chosen} tenant. */
    public CreateInstance inTenant(String chosen) {
        return new CreateInstance(name, image, cpu, memoryMiB, diskGiB, cloudInit, start, host, cpuPolicy, numa,
                gpus, queue, priority, placementConfig, placementDevices, chosen);
    }

    /** The tenant it is made in. */
    public String tenantOrDefault() {
        return tenant == null || tenant.isBlank() ? io.axion.api.tenant.TenantService.DEFAULT : tenant;
    }

    /** The fields a scheduler policy reads, as placement options (only those given). */
    public Map<String, Object> schedulingOptions() {
        Map<String, Object> options = new LinkedHashMap<>();
        if (cpuPolicy != null) {
            options.put("cpuPolicy", cpuPolicy);
        }
        if (numa != null) {
            options.put("numa", numa);
        }
        if (gpus != null) {
            options.put("gpus", gpus);
        }
        return options;
    }

    public boolean queued() {
        return queue != null && queue;
    }

    public int priorityOrDefault() {
        return priority == null ? 0 : priority;
    }

    public boolean startAfterCreate() {
        return start == null || start;
    }
}
