package io.axion.web.internal.openapi;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * JSON Schemas of the Java types that routes take and return, as Jackson writes them: records become objects
 * named in {@code components/schemas}, collections arrays, maps free-form objects.
 */
final class JsonSchemas {
    private final Map<String, Object> components = new LinkedHashMap<>();

    Map<String, Object> components() {
        return components;
    }

    Map<String, Object> schemaOf(Type type) {
        if (type instanceof ParameterizedType parameterized) {
            Class<?> raw = (Class<?>) parameterized.getRawType();
            Type[] arguments = parameterized.getActualTypeArguments();
            if (Collection.class.isAssignableFrom(raw)) {
                return Map.of("type", "array", "items", schemaOf(arguments[0]));
            }
            if (Map.class.isAssignableFrom(raw)) {
                return Map.of("type", "object", "additionalProperties", schemaOf(arguments[1]));
            }
            if (raw == Optional.class) {
                return schemaOf(arguments[0]);
            }
            return schemaOf(raw);
        }
        if (type instanceof WildcardType wildcard) {
            return schemaOf(wildcard.getUpperBounds()[0]);
        }
        if (type instanceof GenericArrayType array) {
            return Map.of("type", "array", "items", schemaOf(array.getGenericComponentType()));
        }
        if (!(type instanceof Class<?> cls) || cls == Object.class || isJsonTree(cls)) {
            return Map.of(); // any JSON value: a map's Object values are strings, numbers and lists as often
        }
        if (cls == String.class || cls == UUID.class || cls == char.class || cls == Character.class) {
            return Map.of("type", "string");
        }
        if (cls == Instant.class || cls == OffsetDateTime.class) {
            return Map.of("type", "string", "format", "date-time");
        }
        if (cls == boolean.class || cls == Boolean.class) {
            return Map.of("type", "boolean");
        }
        if (cls == int.class || cls == Integer.class || cls == long.class || cls == Long.class
                || cls == short.class || cls == Short.class) {
            return Map.of("type", "integer");
        }
        if (Number.class.isAssignableFrom(cls) || cls == double.class || cls == float.class) {
            return Map.of("type", "number");
        }
        if (cls == byte[].class) {
            return Map.of("type", "string", "format", "binary");
        }
        if (cls.isArray()) {
            return Map.of("type", "array", "items", schemaOf(cls.getComponentType()));
        }
        if (cls.isEnum()) {
            return Map.of("type", "string", "enum", Arrays.stream(cls.getEnumConstants()).map(Object::toString).toList());
        }
        if (cls.isRecord()) {
            return reference(cls);
        }
        if (Collection.class.isAssignableFrom(cls)) {
            return Map.of("type", "array", "items", Map.of());
        }
        return Map.of("type", "object");
    }

    /** {@code schema} or JSON null, in OpenAPI 3.1's words: a type list, or anyOf for a reference. */
    static Map<String, Object> nullable(Map<String, Object> schema) {
        if (schema.isEmpty()) {
            return schema;
        }
        Object type = schema.get("type");
        if (type instanceof String single) {
            Map<String, Object> copy = new LinkedHashMap<>(schema);
            copy.put("type", List.of(single, "null"));
            return copy;
        }
        return Map.of("anyOf", List.of(schema, Map.of("type", "null")));
    }

    private static boolean isJsonTree(Class<?> cls) {
        for (Class<?> c = cls; c != null; c = c.getSuperclass()) {
            if (c.getName().equals("com.fasterxml.jackson.databind.JsonNode")) {
                return true;
            }
        }
        return false;
    }

    private Map<String, Object> reference(Class<?> record) {
        String name = record.getSimpleName();
        if (!components.containsKey(name)) {
            components.put(name, Map.of()); // placeholder: a record may refer to itself
            Map<String, Object> properties = new LinkedHashMap<>();
            List<String> required = new ArrayList<>();
            for (RecordComponent component : record.getRecordComponents()) {
                Map<String, Object> property = schemaOf(component.getGenericType());
                if (component.getType().isPrimitive()) {
                    required.add(component.getName());
                } else {
                    property = nullable(property); // Jackson writes a null component as null
                }
                properties.put(component.getName(), property);
            }
            Map<String, Object> schema = new LinkedHashMap<>();
            schema.put("type", "object");
            schema.put("properties", properties);
            if (!required.isEmpty()) {
                schema.put("required", required);
            }
            components.put(name, schema);
        }
        return Map.of("$ref", "#/components/schemas/" + name);
    }
}
