package io.axion.api.web;

/**
 * Service properties of the web whiteboard. Register any object as an OSGi service with one of these properties
 * set to {@code true} and the web bundle serves it; when the service goes away, so do its routes.
 */
public final class WebWhiteboard {
    /** A JAX-RS root resource (a class annotated with {@code @Path}); its paths are absolute, e.g. {@code /api/v1/jobs}. */
    public static final String RESOURCE = "axion.jaxrs.resource";
    /** A JAX-RS provider: an exception mapper, a filter, a message body reader or writer, a feature. */
    public static final String PROVIDER = "axion.jaxrs.provider";

    private WebWhiteboard() {
    }
}
