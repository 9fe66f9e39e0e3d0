package io.axion.web.internal.console;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import java.net.URL;
import java.util.Map;
import java.util.Optional;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.util.tracker.BundleTracker;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

/**
 * Serves the console's static files at {@code /} from whichever active bundle declares an
 * {@code Axion-Web-Root} header (an extender, as Karaf's own web bundles use), with a fallback to
 * {@code index.html} for the console's client-side routes. Paths of the API, WebSockets and metrics never reach it.
 */
@Component(service = ConsoleResource.class)
@Path("/")
@PermitAll
public class ConsoleResource {
    public static final String WEB_ROOT_HEADER = "Axion-Web-Root";
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"), Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"), Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("json", "application/json"), Map.entry("svg", "image/svg+xml"), Map.entry("png", "image/png"),
            Map.entry("ico", "image/x-icon"), Map.entry("woff2", "font/woff2"), Map.entry("woff", "font/woff"),
            Map.entry("ttf", "font/ttf"), Map.entry("map", "application/json"), Map.entry("txt", "text/plain"),
            Map.entry("wasm", "application/wasm"));

    private BundleTracker<String> consoles;

    @Activate
    void activate(BundleContext context) {
        consoles = new BundleTracker<>(context, Bundle.ACTIVE, null) {
            @Override
            public String addingBundle(Bundle bundle, BundleEvent event) {
                return bundle.getHeaders("").get(WEB_ROOT_HEADER);
            }
        };
        consoles.open();
    }

    @Deactivate
    void deactivate() {
        consoles.close();
    }

    @GET
    public Response index() {
        return file("index.html");
    }

    @GET
    @Path("{path: (?!api/|api$|ws/|ws$|metrics$|metrics/).+}")
    public Response file(@PathParam("path") String path) {
        if (path.contains("..") || path.contains("\\")) {
            throw new NotFoundException();
        }
        Optional<URL> found = find(path);
        boolean fallback = found.isEmpty() && !path.substring(path.lastIndexOf('/') + 1).contains(".");
        if (fallback) {
            found = find("index.html");
        }
        URL url = found.orElseThrow(NotFoundException::new);
        String name = fallback ? "index.html" : path;
        StreamingOutput body = out -> {
            try (InputStream in = url.openStream()) {
                in.transferTo(out);
            }
        };
        CacheControl cache = new CacheControl();
        if (name.startsWith("assets/")) {
            cache.setMaxAge(31_536_000); // content-hashed names never change
        } else {
            cache.setNoCache(true);
        }
        return Response.ok(body, contentType(name)).cacheControl(cache).build();
    }

    private Optional<URL> find(String path) {
        var tracked = consoles.getTracked();
        for (var entry : tracked.entrySet()) {
            URL url = entry.getKey().getEntry(entry.getValue() + "/" + path);
            if (url != null && !url.getPath().endsWith("/")) {
                return Optional.of(url);
            }
        }
        return Optional.empty();
    }

    private static String contentType(String name) {
        String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase();
        return TYPES.getOrDefault(extension, "application/octet-stream");
    }
}
