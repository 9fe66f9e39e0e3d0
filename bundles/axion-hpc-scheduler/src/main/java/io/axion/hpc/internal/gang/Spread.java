package io.axion.hpc.internal.gang;

import io.axion.api.error.ValidationException;
import java.util.Locale;

/** How a gang's members are laid over hosts. */
public enum Spread {
    /** Distinct hosts, round robin, as far as they have room (the default: a host lost takes the fewest members). */
    HOST,
    /** Fill one host before the next (members close together, hosts left whole for others). */
    PACK;

    public static Spread of(String value) {
        if (value == null) {
            return HOST;
        }
        try {
            return valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new ValidationException("spread", "must be host or pack");
        }
    }

    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }
}
