package io.axion.telemetry.internal.metrics;

import io.axion.api.web.RestProvider;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.ext.WriterInterceptor;
import jakarta.ws.rs.ext.WriterInterceptorContext;
import java.io.IOException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Times every REST request from before matching until its body is written, and records it by method, the matched
 * route template (e.g. {@code /api/v1/jobs/{id}}: bounded, unlike raw paths) and status. Requests that match no
 * route are recorded as {@value #UNMATCHED}.
 */
@Component(service = RestProvider.class)
@PreMatching
@Priority(1)
public class HttpTimingFilter implements RestProvider, ContainerRequestFilter, ContainerResponseFilter,
        WriterInterceptor {
    static final String UNMATCHED = "unmatched";
    private static final String STARTED = "axion.metrics.started";
    private static final String PENDING = "axion.metrics.pending";

    private final Map<Method, String> templates = new ConcurrentHashMap<>();

    @Reference
    private AxionMetrics metrics;

    @Context
    private ResourceInfo resource;

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(STARTED, System.nanoTime());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object started = request.getProperty(STARTED);
        if (!(started instanceof Long start)) {
            return;
        }
        Observation observation = new Observation(request.getMethod(), route(), response.getStatus(), start);
        if (response.hasEntity()) {
            request.setProperty(PENDING, observation); // finished once the body is written
        } else {
            observation.record(metrics);
        }
    }

    @Override
    public void aroundWriteTo(WriterInterceptorContext context) throws IOException {
        try {
            context.proceed();
        } finally {
            Object pending = context.getProperty(PENDING);
            if (pending instanceof Observation observation) {
                context.removeProperty(PENDING);
                observation.record(metrics);
            }
        }
    }

    private String route() {
        Method method = resource == null ? null : resource.getResourceMethod();
        if (method == null) {
            return UNMATCHED;
        }
        return templates.computeIfAbsent(method, m -> template(resource.getResourceClass(), m));
    }

    /** The class's and the method's {@code @Path} joined, e.g. {@code /api/v1/jobs} + {@code {id}}. */
    static String template(Class<?> type, Method method) {
        Path onClass = type == null ? null : type.getAnnotation(Path.class);
        Path onMethod = method.getAnnotation(Path.class);
        String joined = "/" + (onClass == null ? "" : onClass.value()) + "/" + (onMethod == null ? "" : onMethod.value());
        String template = joined.replaceAll("/{2,}", "/");
        return template.length() > 1 && template.endsWith("/") ? template.substring(0, template.length() - 1) : template;
    }

    private record Observation(String method, String route, int status, long startedNanos) {
        void record(AxionMetrics metrics) {
            metrics.observeRequest(method, route, status, (System.nanoTime() - startedNanos) / 1e9);
        }
    }
}
