package io.axion.instances.internal;

import io.axion.api.error.ValidationException;
import io.axion.api.instance.CreateInstance;
import io.axion.api.instance.InstanceNames;
import io.axion.api.instance.Resize;
import java.util.List;

/** The 422 rules of instance requests; each failure names its field. */
final class RequestValidation {
    static final int MAX_IMAGE_LENGTH = 256;
    static final int MAX_MEMORY_MIB = 16 * 1024 * 1024;
    static final int MAX_DISK_GIB = 1024 * 1024;
    static final int MAX_CLOUD_INIT_CHARS = 1024 * 1024;
    static final int MAX_GPUS = 64;
    static final int MAX_PRIORITY = 1000;
    static final List<String> SCHEDULING_CPU_POLICIES = List.of("shared", "dedicated");
    static final List<String> SCHEDULING_NUMA = List.of("none", "preferred", "strict");

    private final int maxCpu;
    private final int minMemoryMiB;

    RequestValidation(int maxCpu, int minMemoryMiB) {
        this.maxCpu = maxCpu;
        this.minMemoryMiB = minMemoryMiB;
    }

    void create(CreateInstance request) {
        if (request == null) {
            throw new ValidationException("body",
                    "a JSON object {name, image, cpu, memoryMiB, diskGiB?, cloudInit?, start?} is required");
        }
        InstanceNames.requireValid("name", request.name());
        if (request.image() == null || request.image().isBlank()) {
            throw new ValidationException("image", "is required (an LXD image alias or fingerprint)");
        }
        if (request.image().length() > MAX_IMAGE_LENGTH || request.image().chars().anyMatch(Character::isISOControl)) {
            throw new ValidationException("image", "must be an LXD image alias or fingerprint");
        }
        cpu(request.cpu(), true);
        memory(request.memoryMiB(), true);
        if (request.diskGiB() != null && (request.diskGiB() < 1 || request.diskGiB() > MAX_DISK_GIB)) {
            throw new ValidationException("diskGiB", "must be a whole number from 1 to " + MAX_DISK_GIB);
        }
        if (request.cloudInit() != null && request.cloudInit().length() > MAX_CLOUD_INIT_CHARS) {
            throw new ValidationException("cloudInit", "must be at most " + MAX_CLOUD_INIT_CHARS + " characters");
        }
        scheduling(request);
    }

    /** The scheduling fields; what they do is the placement policy's business, their spelling is checked here. */
    private static void scheduling(CreateInstance request) {
        if (request.cpuPolicy() != null && !SCHEDULING_CPU_POLICIES.contains(request.cpuPolicy())) {
            throw new ValidationException("cpuPolicy", "must be one of " + SCHEDULING_CPU_POLICIES);
        }
        if (request.numa() != null && !SCHEDULING_NUMA.contains(request.numa())) {
            throw new ValidationException("numa", "must be one of " + SCHEDULING_NUMA);
        }
        if (request.gpus() != null && (request.gpus() < 0 || request.gpus() > MAX_GPUS)) {
            throw new ValidationException("gpus", "must be a whole number from 0 to " + MAX_GPUS);
        }
        if (request.priority() != null && (request.priority() < 0 || request.priority() > MAX_PRIORITY)) {
            throw new ValidationException("priority", "must be a whole number from 0 to " + MAX_PRIORITY);
        }
        if (request.placementConfig() != null || request.placementDevices() != null) {
            throw new ValidationException("placementConfig", "is chosen by the placement policy, not by the request");
        }
    }

    void resize(Resize request) {
        if (request == null || (request.cpu() == null && request.memoryMiB() == null)) {
            throw new ValidationException("body", "a JSON object with cpu and/or memoryMiB is required");
        }
        cpu(request.cpu(), false);
        memory(request.memoryMiB(), false);
    }

    private void cpu(Integer cpu, boolean required) {
        if (cpu == null) {
            if (required) {
                throw new ValidationException("cpu", "is required (a whole number of cores)");
            }
            return;
        }
        if (cpu < 1 || cpu > maxCpu) {
            throw new ValidationException("cpu", "must be a whole number of cores from 1 to " + maxCpu);
        }
    }

    private void memory(Integer memoryMiB, boolean required) {
        if (memoryMiB == null) {
            if (required) {
                throw new ValidationException("memoryMiB", "is required (MiB)");
            }
            return;
        }
        if (memoryMiB < minMemoryMiB || memoryMiB > MAX_MEMORY_MIB) {
            throw new ValidationException("memoryMiB", "must be from " + minMemoryMiB + " to " + MAX_MEMORY_MIB + " MiB");
        }
    }
}
