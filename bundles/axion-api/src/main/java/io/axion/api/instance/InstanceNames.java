package io.axion.api.instance;

import io.axion.api.error.ValidationException;
import java.util.regex.Pattern;

/**
 * The name rule of instances and snapshots (shared/API.md): {@code ^[a-z][a-z0-9-]{0,61}[a-z0-9]$}, or a single
 * lower-case letter. At most 63 characters, so it is also a valid host name label.
 */
public final class InstanceNames {
    public static final Pattern PATTERN = Pattern.compile("^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$");
    public static final String RULE = "must match ^[a-z][a-z0-9-]{0,61}[a-z0-9]$ (or be a single letter)";

    private InstanceNames() {
    }

    public static boolean isValid(String name) {
        return name != null && PATTERN.matcher(name).matches();
    }

    /**
     * @param field the field to name in the 422, e.g. {@code name}
     * @return the name, when valid
     * @throws ValidationException (422) naming the field
     */
    public static String requireValid(String field, String name) {
        if (name == null || name.isEmpty()) {
            throw new ValidationException(field, "is required");
        }
        if (!isValid(name)) {
            throw new ValidationException(field, RULE);
        }
        return name;
    }
}
