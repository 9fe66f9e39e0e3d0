package io.axion.auth.internal;

import io.axion.api.auth.Roles;
import io.axion.api.error.NotFoundException;
import io.axion.api.error.ValidationException;
import java.util.regex.Pattern;

/** What a username, a password and a role must look like (422 otherwise). */
final class Credentials {
    static final Pattern USERNAME = Pattern.compile("^[a-z][a-z0-9._-]{0,31}$");
    /** Longer passwords are refused: nobody types them, and they only make hashing requests heavier. */
    static final int MAX_PASSWORD_LENGTH = 256;

    private final int minPasswordLength;

    Credentials(int minPasswordLength) {
        this.minPasswordLength = Math.max(1, minPasswordLength);
    }

    static void checkUsername(String username) {
        if (username == null || username.isEmpty()) {
            throw new ValidationException("username", "is required");
        }
        if (!USERNAME.matcher(username).matches()) {
            throw new ValidationException("username",
                    "must be 1-32 characters of a-z, 0-9, '.', '_' or '-', starting with a letter");
        }
    }

    /**
     * {@code username} when it could name an account; else 404, as for any name that exists nowhere, without asking
     * the store (and with the name cut short in the answer).
     */
    static String requirePossibleUsername(String username) {
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new NotFoundException("User", username == null ? "" : username.length() > 64
                    ? username.substring(0, 64) : username);
        }
        return username;
    }

    static void checkRole(String role) {
        if (role == null || role.isEmpty()) {
            throw new ValidationException("role", "is required");
        }
        if (!Roles.isRole(role)) {
            throw new ValidationException("role", "must be one of " + String.join(", ", Roles.ALL));
        }
    }

    void checkPassword(String field, String username, String password) {
        if (password == null || password.isEmpty()) {
            throw new ValidationException(field, "is required");
        }
        int length = password.codePointCount(0, password.length());
        if (length < minPasswordLength) {
            throw new ValidationException(field, "must be at least " + minPasswordLength + " characters long");
        }
        if (length > MAX_PASSWORD_LENGTH) {
            throw new ValidationException(field, "must be at most " + MAX_PASSWORD_LENGTH + " characters long");
        }
        if (password.codePoints().distinct().count() < 4) {
            throw new ValidationException(field, "must use at least 4 different characters");
        }
        if (username != null && username.length() >= 3 && password.toLowerCase().contains(username.toLowerCase())) {
            throw new ValidationException(field, "must not contain the username");
        }
    }
}
