package io.axion.api.auth;

import java.util.List;

/**
 * Axion's roles, each including the ones below it: a viewer reads, an operator also acts on instances, an admin
 * also manages users and quota. Use these names in {@code @RolesAllowed}.
 */
public final class Roles {
    public static final String VIEWER = "viewer";
    public static final String OPERATOR = "operator";
    public static final String ADMIN = "admin";

    /** Lowest to highest. */
    public static final List<String> ALL = List.of(VIEWER, OPERATOR, ADMIN);

    /** Whether a user holding {@code held} may act as {@code required}. */
    public static boolean includes(String held, String required) {
        int h = ALL.indexOf(held);
        int r = ALL.indexOf(required);
        return h >= 0 && r >= 0 && h >= r;
    }

    public static boolean isRole(String name) {
        return ALL.contains(name);
    }

    private Roles() {
    }
}
