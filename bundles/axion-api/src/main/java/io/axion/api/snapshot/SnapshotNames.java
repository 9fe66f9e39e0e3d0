package io.axion.api.snapshot;

import io.axion.api.error.ValidationException;
import java.util.regex.Pattern;

/**
 * The name rule of shared/API.md for snapshots, which is also the rule for instance names:
 * {@code ^[a-z][a-z0-9-]{0,61}[a-z0-9]$}, or a single lower-case letter.
 */
public final class SnapshotNames {
    public static final Pattern PATTERN = Pattern.compile("^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$");

    private SnapshotNames() {
    }

    public static boolean isValid(String name) {
        return name != null && PATTERN.matcher(name).matches();
    }

    /**
     * @return the name, when valid
     * @throws ValidationException (422) naming {@code field} otherwise
     */
    public static String requireValid(String field, String name) {
        if (name == null || name.isEmpty()) {
            throw new ValidationException(field, "is required");
        }
        if (!isValid(name)) {
            throw new ValidationException(field, "must be 1 to 63 characters of a-z, 0-9 and '-', start with a "
                    + "letter and not end with '-'");
        }
        return name;
    }
}
