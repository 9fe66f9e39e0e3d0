package io.axion.api.instance;

/**
 * The body of {@code POST /api/v1/instances}. Boxed numbers so that a missing field is reported by name (422)
 * rather than read as 0.
 *
 * @param image     an LXD image alias or fingerprint
 * @param diskGiB   root disk size; null keeps the storage pool's default
 * @param cloudInit cloud-config user-data text, given to LXD as {@code cloud-init.user-data}; null for none
 * @param start     start it once created; null means true
 * @param host      the host to create it on; null lets the placement policy choose
 */
public record CreateInstance(String name, String image, Integer cpu, Integer memoryMiB, Integer diskGiB,
                             String cloudInit, Boolean start, String host) {

    /** A create that lets placement choose the host. */
    public CreateInstance(String name, String image, Integer cpu, Integer memoryMiB, Integer diskGiB,
                          String cloudInit, Boolean start) {
        this(name, image, cpu, memoryMiB, diskGiB, cloudInit, start, null);
    }

    /** The same request, for the given host. */
    public CreateInstance onHost(String chosen) {
        return new CreateInstance(name, image, cpu, memoryMiB, diskGiB, cloudInit, start, chosen);
    }

    public boolean startAfterCreate() {
        return start == null || start;
    }
}
