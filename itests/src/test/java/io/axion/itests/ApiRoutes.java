package io.axion.itests;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The routes ({@code METHOD /path}) that {@code docs/API.md} names in the first cell of its tables, and those an
 * OpenAPI document describes, so that a test can hold the two in step. The document's shorthand is understood:
 * {@code GET/POST /api/v1/users} is two routes, a cell's later {@code /stop} replaces the last segment of the
 * path before it, and a query ({@code ?host=}) is no part of a route. Everything below the heading
 * {@value #PLANNED} is left out: routes that belong to open issues, not served yet.
 */
final class ApiRoutes {
    static final String PLANNED = "## Planned";
    private static final Pattern CODE = Pattern.compile("`([^`]*)`");
    private static final Pattern ROUTE = Pattern.compile("^(?:([A-Z]+(?:/[A-Z]+)*) )?(/\\S*)$");
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    private ApiRoutes() {
    }

    static Set<String> documented(Path apiMarkdown) {
        List<String> lines;
        try {
            lines = Files.readAllLines(apiMarkdown);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Set<String> routes = new TreeSet<>();
        for (String line : lines) {
            if (line.startsWith(PLANNED)) {
                break;
            }
            if (line.startsWith("| `")) {
                routes.addAll(inCell(line.substring(1, line.indexOf('|', 1))));
            }
        }
        return routes;
    }

    /** {@code GET /api/v1/x} for each operation of the OpenAPI document's {@code paths}. */
    static Set<String> described(JsonNode openApi) {
        Set<String> routes = new TreeSet<>();
        Iterator<String> paths = openApi.path("paths").fieldNames();
        while (paths.hasNext()) {
            String path = paths.next();
            Iterator<String> methods = openApi.path("paths").path(path).fieldNames();
            while (methods.hasNext()) {
                String method = methods.next();
                if (METHODS.contains(method)) {
                    routes.add(method.toUpperCase(Locale.ROOT) + " " + path);
                }
            }
        }
        return routes;
    }

    private static List<String> inCell(String cell) {
        List<String> routes = new ArrayList<>();
        String[] methods = null;
        String previous = null;
        Matcher code = CODE.matcher(cell);
        while (code.find()) {
            Matcher route = ROUTE.matcher(code.group(1).trim());
            if (!route.matches()) {
                continue; // a body such as {name, image}
            }
            String path = route.group(2);
            int query = path.indexOf('?');
            path = query < 0 ? path : path.substring(0, query);
            if (route.group(1) != null) {
                methods = route.group(1).split("/");
            } else if (previous != null && !path.startsWith("/api/") && !path.startsWith("/metrics")) {
                path = previous.substring(0, previous.lastIndexOf('/')) + path;
            }
            if (methods == null) {
                continue;
            }
            for (String method : methods) {
                routes.add(method + " " + path);
            }
            previous = path;
        }
        return routes;
    }
}
