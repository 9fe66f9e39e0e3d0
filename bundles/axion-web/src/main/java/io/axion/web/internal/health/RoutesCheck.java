package io.axion.web.internal.health;

import io.axion.api.health.Readiness;
import io.axion.web.internal.jaxrs.JerseyRoutes;
import io.axion.web.internal.openapi.RouteNames;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.framework.Bundle;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Readiness of the routes: every route of every REST resource that an expected bundle declares
 * ({@link Readiness#RESOURCES_HEADER}) is served by the Jersey application taking requests now. This is what
 * health missed before: it said ok while a feature's bundle was still starting, seconds before its routes answered.
 */
@Component(service = HealthCheck.class,
        property = {HealthCheck.NAME + "=" + Readiness.ROUTES, HealthCheck.TAGS + "=" + Readiness.TAG})
public class RoutesCheck implements HealthCheck {
    /** A bundle's declared routes, kept while the bundle is not updated. */
    private record Declared(long lastModified, SortedSet<String> routes) {
    }

    private final ExpectedBundles bundles;
    private final JerseyRoutes jersey;
    private final Map<Long, Declared> declared = new ConcurrentHashMap<>();

    @Activate
    public RoutesCheck(@Reference ExpectedBundles bundles, @Reference JerseyRoutes jersey) {
        this.bundles = bundles;
        this.jersey = jersey;
    }

    @Override
    public Result execute() {
        Map<String, SortedSet<String>> declaredByBundle = new LinkedHashMap<>();
        List<String> unresolved = new java.util.ArrayList<>();
        for (Bundle bundle : bundles.declaring(Readiness.RESOURCES_HEADER)) {
            // An installed bundle is resolved by Karaf, with its own wiring rules: loading a class from it here
            // would resolve it outside them.
            if (bundle.getState() == Bundle.INSTALLED) {
                unresolved.add(bundle.getSymbolicName());
                continue;
            }
            try {
                declaredByBundle.put(bundle.getSymbolicName(), routesOf(bundle));
            } catch (ClassNotFoundException | RuntimeException e) {
                return new Result(Result.Status.CRITICAL,
                        "Cannot read the routes of " + bundle.getSymbolicName() + ": " + e.getMessage());
            }
        }
        Map<String, SortedSet<String>> missing = missing(declaredByBundle, jersey.servedRoutes());
        if (!unresolved.isEmpty() || !missing.isEmpty()) {
            StringBuilder detail = new StringBuilder();
            if (!unresolved.isEmpty()) {
                detail.append("Not resolved yet: ").append(String.join(", ", unresolved));
            }
            missing.forEach((bundle, routes) -> detail.append(detail.length() > 0 ? "; " : "")
                    .append("Not served yet (").append(bundle).append("): ").append(String.join(", ", routes)));
            return new Result(Result.Status.CRITICAL, detail.toString());
        }
        int count = declaredByBundle.values().stream().mapToInt(Set::size).sum();
        return new Result(Result.Status.OK, count + " routes of " + declaredByBundle.size() + " bundles served");
    }

    /** For each bundle, the declared routes the served set lacks; bundles lacking none are left out. */
    static Map<String, SortedSet<String>> missing(Map<String, ? extends Set<String>> declaredByBundle,
                                                  Set<String> served) {
        Map<String, SortedSet<String>> missing = new LinkedHashMap<>();
        declaredByBundle.forEach((bundle, routes) -> {
            SortedSet<String> lacking = new TreeSet<>(routes);
            lacking.removeAll(served);
            if (!lacking.isEmpty()) {
                missing.put(bundle, lacking);
            }
        });
        return missing;
    }

    private SortedSet<String> routesOf(Bundle bundle) throws ClassNotFoundException {
        Declared known = declared.get(bundle.getBundleId());
        if (known != null && known.lastModified() == bundle.getLastModified()) {
            return known.routes();
        }
        SortedSet<String> routes = new TreeSet<>();
        for (String className : ExpectedBundles.values(bundle, Readiness.RESOURCES_HEADER)) {
            routes.addAll(RouteNames.ofClass(bundle.loadClass(className)));
        }
        declared.put(bundle.getBundleId(), new Declared(bundle.getLastModified(), routes));
        return routes;
    }
}
