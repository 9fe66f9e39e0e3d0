package io.axion.testing;

import java.lang.reflect.Proxy;
import java.util.Map;

/**
 * Typed configurations (Declarative Services' annotation types) made without a framework: each method answers its
 * override, else its declared default, which is what DS hands a component when Config Admin has only those keys.
 */
public final class TypedConfigs {
    private TypedConfigs() {
    }

    /** The configuration of {@code type} with its defaults, the keys of {@code overrides} (method names) replaced. */
    public static <A> A of(Class<A> type, Map<String, Object> overrides) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, (proxy, method, args) -> {
            if (overrides.containsKey(method.getName())) {
                return overrides.get(method.getName());
            }
            if (method.getDefaultValue() != null) {
                return method.getDefaultValue();
            }
            return switch (method.getName()) {
                case "annotationType" -> type;
                case "hashCode" -> System.identityHashCode(proxy);
                case "equals" -> proxy == args[0];
                default -> type.getSimpleName() + overrides;
            };
        }));
    }
}
