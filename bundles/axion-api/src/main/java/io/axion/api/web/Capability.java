package io.axion.api.web;

/**
 * Announces that an installed feature offers a capability, such as {@code snapshot} or {@code files}. The console
 * shows only the parts whose capability is present ({@code GET /api/v1/capabilities}).
 */
public interface Capability {
    String name();

    static Capability of(String name) {
        return () -> name;
    }
}
