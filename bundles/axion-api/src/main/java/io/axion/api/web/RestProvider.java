package io.axion.api.web;

/**
 * Marks a JAX-RS provider for the web whiteboard: an exception mapper, a request or response filter, a message
 * body reader or writer, a feature. Served while the service is registered.
 */
public interface RestProvider {
}
