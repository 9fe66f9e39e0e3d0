package io.axion.instances.internal;

import java.lang.reflect.Proxy;
import java.util.Map;

/** A typed configuration (an annotation) with its defaults, some of them overridden, as DS would make it. */
final class Configs {
    private Configs() {
    }

    static <A> A of(Class<A> type, Map<String, Object> overrides) {
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

    static InstancesConfig instances() {
        return of(InstancesConfig.class, Map.of());
    }
}
