package io.axion.api.files;

import io.axion.api.error.ValidationException;

/**
 * The path rule of the files API: absolute and normalised. No NUL bytes, no empty, {@code .} or {@code ..}
 * segments, no trailing slash (except the root itself). LXD would resolve such paths itself; refusing them keeps
 * what a caller asked for and what is touched the same.
 */
public final class FilePaths {
    /** Linux's PATH_MAX. */
    public static final int MAX_LENGTH = 4096;
    private static final String FIELD = "path";

    private FilePaths() {
    }

    /**
     * @return the path, when valid
     * @throws ValidationException (422, field {@code path}) otherwise
     */
    public static String requireValid(String path) {
        if (path == null || path.isEmpty()) {
            throw new ValidationException(FIELD, "is required");
        }
        if (path.indexOf('\0') >= 0) {
            throw new ValidationException(FIELD, "must not contain NUL bytes");
        }
        if (path.charAt(0) != '/') {
            throw new ValidationException(FIELD, "must be absolute (start with '/')");
        }
        if (path.length() > MAX_LENGTH) {
            throw new ValidationException(FIELD, "must be at most " + MAX_LENGTH + " characters");
        }
        if (path.length() == 1) {
            return path;
        }
        if (path.endsWith("/")) {
            throw new ValidationException(FIELD, "must not end with '/'");
        }
        for (String segment : path.substring(1).split("/", -1)) {
            if (segment.isEmpty()) {
                throw new ValidationException(FIELD, "must not contain empty segments ('//')");
            }
            if (segment.equals(".") || segment.equals("..")) {
                throw new ValidationException(FIELD, "must be normalised: no '.' or '..' segments");
            }
        }
        return path;
    }

    public static boolean isRoot(String path) {
        return "/".equals(path);
    }

    /** The parent directory of a valid path; the root for a top-level entry. */
    public static String parent(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }
}
