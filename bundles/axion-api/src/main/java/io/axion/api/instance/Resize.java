package io.axion.api.instance;

/** The body of {@code PATCH /api/v1/instances/{name}}: a null field keeps its current value. */
public record Resize(Integer cpu, Integer memoryMiB) {
}
