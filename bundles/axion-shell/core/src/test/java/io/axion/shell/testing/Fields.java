package io.axion.shell.testing;

import java.lang.reflect.Field;

/** Sets the fields Karaf would inject or parse into an action (they are private to their command). */
public final class Fields {
    private Fields() {
    }

    public static <T> T set(T target, String name, Object value) {
        for (Class<?> type = target.getClass(); type != Object.class; type = type.getSuperclass()) {
            try {
                Field field = type.getDeclaredField(name);
                field.setAccessible(true);
                field.set(target, value);
                return target;
            } catch (NoSuchFieldException e) {
                // look in the superclass
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }
        throw new IllegalArgumentException("No field " + name + " in " + target.getClass());
    }
}
