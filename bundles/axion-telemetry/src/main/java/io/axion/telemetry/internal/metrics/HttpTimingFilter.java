package io.axion.telemetry.internal.metrics;

import io.axion.api.web.RestProvider;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.ext.WriterInterceptor;
import jakarta.ws.rs.ext.WriterInterceptorContext;
import java.io.IOException;
import java.lang.reflect.Method;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Times every REST request from before matching until its body is written, and records it by method, the matched
 * route template (e.g. {@code /api/v1/jobs/{id}}: bounded, unlike raw paths) and status. Requests that match no
 * route are recorded as {@value #UNMATCHED}.
 * <p>
 * The route comes from a small filter bound to each resource method when Jersey builds its application, not from an
 * injected {@code ResourceInfo}: this one object serves every application the web bundle builds, and an injected
 * field would follow the newest one while an older one still finishes requests.
 */
@Component(service = RestProvider.class)
@PreMatching
@Priority(1)
public class HttpTimingFilter implements RestProvider, ContainerRequestFilter, ContainerResponseFilter,
        WriterInterceptor, DynamicFeature {
    static final String UNMATCHED = "unmatched";
    private static final String STARTED = "axion.metrics.started";
    private static final String PENDING = "axion.metrics.pending";
    private static final String ROUTE = "axion.metrics.route";

    @Reference
    private AxionMetrics metrics;

    /** Tags the requests of one resource method with its route; before authentication, so 401s have a route too. */
    private record RouteTag(String route) implements ContainerRequestFilter {
        @Override
        public void filter(ContainerRequestContext request) {
            request.setProperty(ROUTE, route);
        }
    }

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        if (resource.getResourceMethod() != null) {
            context.register(new RouteTag(template(resource.getResourceClass(), resource.getResourceMethod())),
                    Priorities.AUTHENTICATION - 100);
        }
    }

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
        Object route = request.getProperty(ROUTE);
        Observation observation = new Observation(request.getMethod(), route instanceof String r ? r : UNMATCHED,
                response.getStatus(), start);
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
