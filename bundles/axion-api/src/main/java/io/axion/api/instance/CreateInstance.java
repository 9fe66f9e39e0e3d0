package io.axion.api.instance;

/**
 * The body of {@code POST /api/v1/instances}. Boxed numbers so that a missing field is reported by name (422)
 * rather than read as 0.
 *
 * @param image     an LXD image alias or fingerprint
 * @param diskGiB   root disk size; null keeps the storage pool's default
 * @param cloudInit cloud-config user-data text, given to LXD as {@code cloud-init.user-data}; null for none
 * @param start     start it once created; null means true
 */
public record CreateInstance(String name, String image, Integer cpu, Integer memoryMiB, Integer diskGiB,
                             String cloudInit, Boolean start) {

    public boolean startAfterCreate() {
        return start == null || start;
    }
}
