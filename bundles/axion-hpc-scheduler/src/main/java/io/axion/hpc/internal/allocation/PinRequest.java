package io.axion.hpc.internal.allocation;

import io.axion.api.error.ValidationException;
import java.util.Locale;
import java.util.Map;

/**
 * What one create asks of the scheduler. Shaped to be the unit a queue or a gang holds later (a gang is a list of
 * these placed at once).
 *
 * @param cores hardware threads wanted (what {@code limits.cpu} counts)
 */
public record PinRequest(String instance, int cores, long memoryMiB, CpuPolicy cpuPolicy, NumaPolicy numa,
                         int gpus) {

    public boolean dedicated() {
        return cpuPolicy == CpuPolicy.DEDICATED;
    }

    /** Reads the placement options of a create ({@code cpuPolicy}, {@code numa}, {@code gpus}); bad ones are 422. */
    public static PinRequest of(String instance, int cores, long memoryMiB, Map<String, Object> options) {
        CpuPolicy cpu = choice(CpuPolicy.class, "cpuPolicy", options.get("cpuPolicy"), CpuPolicy.SHARED);
        NumaPolicy numa = choice(NumaPolicy.class, "numa", options.get("numa"), NumaPolicy.NONE);
        Object gpus = options.get("gpus");
        int gpuCount;
        if (gpus == null) {
            gpuCount = 0;
        } else if (gpus instanceof Number number && number.intValue() >= 0 && number.doubleValue() % 1 == 0) {
            gpuCount = number.intValue();
        } else {
            throw new ValidationException("gpus", "must be a whole number from 0");
        }
        if (numa != NumaPolicy.NONE && cpu != CpuPolicy.DEDICATED) {
            throw new ValidationException("numa", "applies to cpuPolicy dedicated only");
        }
        return new PinRequest(instance, cores, memoryMiB, cpu, numa, gpuCount);
    }

    private static <E extends Enum<E>> E choice(Class<E> type, String field, Object value, E fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            return Enum.valueOf(type, value.toString().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ValidationException(field, "unknown value '" + value + "'");
        }
    }
}
