package io.axion.web.internal.openapi;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.glassfish.jersey.model.Parameter;
import org.glassfish.jersey.server.model.Resource;
import org.glassfish.jersey.server.model.ResourceMethod;
import org.glassfish.jersey.server.model.ResourceModel;

/**
 * Builds the OpenAPI 3.1 document from the routes Jersey serves right now, so the document can never describe
 * a route that is not there, nor miss one a feature just added.
 */
public final class OpenApiDocument {
    private static final Map<String, Object> PROBLEM = Map.of(
            "description", "RFC 9457 problem details",
            "content", Map.of("application/problem+json", Map.of("schema", Map.of("$ref", "#/components/schemas/Problem"))));

    private final JsonSchemas schemas = new JsonSchemas();
    private final Map<String, Map<String, Object>> paths = new TreeMap<>();

    public static Map<String, Object> build(ResourceModel model, String version, Class<?>... hidden) {
        OpenApiDocument document = new OpenApiDocument();
        for (Resource resource : model.getRootResources()) {
            if (resource.getHandlerClasses().stream().noneMatch(c -> List.of(hidden).contains(c))) {
                document.walk(resource, "");
            }
        }
        return document.toMap(version);
    }

    /** Path and method pairs, e.g. {@code GET /api/v1/health}, of every route the document describes. */
    @SuppressWarnings("unchecked")
    public static List<String> routes(Map<String, Object> document) {
        List<String> routes = new ArrayList<>();
        ((Map<String, Map<String, Object>>) document.get("paths")).forEach((path, operations) ->
                operations.keySet().forEach(method -> routes.add(method.toUpperCase(Locale.ROOT) + " " + path)));
        return routes;
    }

    private void walk(Resource resource, String prefix) {
        String path = join(prefix, resource.getPath());
        for (ResourceMethod method : resource.getResourceMethods()) {
            paths.computeIfAbsent(path.isEmpty() ? "/" : path, p -> new TreeMap<>())
                    .put(method.getHttpMethod().toLowerCase(Locale.ROOT), operation(method));
        }
        for (Resource child : resource.getChildResources()) {
            walk(child, path);
        }
    }

    private Map<String, Object> operation(ResourceMethod method) {
        Method java = method.getInvocable().getDefinitionMethod();
        Map<String, Object> operation = new LinkedHashMap<>();
        operation.put("operationId", java.getDeclaringClass().getSimpleName() + "." + java.getName());
        List<Map<String, Object>> parameters = new ArrayList<>();
        for (Parameter parameter : method.getInvocable().getParameters()) {
            switch (parameter.getSource()) {
                case PATH, QUERY, HEADER -> parameters.add(Map.of(
                        "name", parameter.getSourceName(),
                        "in", parameter.getSource().name().toLowerCase(Locale.ROOT),
                        "required", parameter.getSource() == Parameter.Source.PATH,
                        "schema", schemas.schemaOf(parameter.getType())));
                case ENTITY -> operation.put("requestBody", Map.of("required", true,
                        "content", content(method.getConsumedTypes().isEmpty() ? "application/json"
                                : method.getConsumedTypes().get(0).toString(), parameter.getType())));
                default -> {
                }
            }
        }
        if (!parameters.isEmpty()) {
            operation.put("parameters", parameters);
        }
        Map<String, Object> responses = new LinkedHashMap<>();
        Type returned = method.getInvocable().getResponseType();
        String produced = method.getProducedTypes().isEmpty() ? "application/json"
                : method.getProducedTypes().get(0).toString();
        if (returned == void.class || returned == Void.class) {
            responses.put("204", Map.of("description", "Done"));
        } else if (returned == Response.class) {
            responses.put("2XX", Map.of("description", "Success", "content", Map.of(produced, Map.of("schema", Map.of()))));
        } else {
            responses.put("200", Map.of("description", "Success", "content", content(produced, returned)));
        }
        responses.put("default", PROBLEM);
        operation.put("responses", responses);
        boolean open = java.isAnnotationPresent(PermitAll.class)
                || (java.getDeclaringClass().isAnnotationPresent(PermitAll.class) && !java.isAnnotationPresent(RolesAllowed.class));
        operation.put("security", open ? List.of() : List.of(Map.of("bearer", List.of())));
        RolesAllowed roles = java.isAnnotationPresent(RolesAllowed.class) ? java.getAnnotation(RolesAllowed.class)
                : java.getDeclaringClass().getAnnotation(RolesAllowed.class);
        if (roles != null && !open) {
            operation.put("x-roles", List.of(roles.value()));
        }
        return operation;
    }

    private Map<String, Object> content(String mediaType, Type type) {
        boolean binary = type == InputStream.class || type == byte[].class
                || mediaType.startsWith("application/octet-stream");
        Map<String, Object> schema = binary ? Map.of("type", "string", "format", "binary") : schemas.schemaOf(type);
        return Map.of(mediaType, Map.of("schema", schema));
    }

    private Map<String, Object> toMap(String version) {
        Map<String, Object> components = new LinkedHashMap<>(schemas.components());
        components.put("Problem", Map.of("type", "object", "properties", Map.of(
                "type", Map.of("type", "string", "format", "uri"), "title", Map.of("type", "string"),
                "status", Map.of("type", "integer"), "detail", Map.of("type", "string"),
                "errors", Map.of("type", "array", "items", Map.of("type", "object")))));
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("openapi", "3.1.0");
        document.put("info", Map.of("title", "Axion", "version", version,
                "description", "The Axion control plane API: LXC instances on LXD, jobs, quota, snapshots, forwards, files."));
        document.put("paths", paths);
        document.put("components", Map.of("schemas", components, "securitySchemes",
                Map.of("bearer", Map.of("type", "http", "scheme", "bearer", "bearerFormat", "JWT"))));
        return document;
    }

    /** Joins Jersey path templates and drops their regular expressions: {@code {path: .*}} becomes {@code {path}}. */
    static String join(String prefix, String path) {
        if (path == null || path.isEmpty()) {
            return prefix;
        }
        String cleaned = path.replaceAll("\\{\\s*(\\w+)\\s*:[^}]*}", "{$1}");
        String joined = (prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix)
                + (cleaned.startsWith("/") ? cleaned : "/" + cleaned);
        return joined.length() > 1 && joined.endsWith("/") ? joined.substring(0, joined.length() - 1) : joined;
    }
}
