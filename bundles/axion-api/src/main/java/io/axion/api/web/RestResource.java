package io.axion.api.web;

/**
 * Marks a JAX-RS root resource for the web whiteboard. Register a {@code @Path}-annotated class as an OSGi
 * service of this type and the web bundle serves it; when the service goes away, so do its routes. Paths are
 * absolute, e.g. {@code @Path("/api/v1/jobs")}. Methods are protected unless marked {@code @PermitAll}; use
 * {@code @RolesAllowed} with the names in {@link io.axion.api.auth.Roles}.
 */
public interface RestResource {
}
