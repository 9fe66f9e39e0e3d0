package io.axion.api.error;

import java.util.List;
import java.util.Map;

/**
 * A failure to report to the caller as RFC 9457 problem details. Services throw it (or a subclass); the web
 * layer turns it into {@code application/problem+json} with {@code type = https://axion.dev/problems/<slug>}.
 */
public class AxionException extends RuntimeException {
    private final int status;
    private final String slug;
    private final String title;
    private final List<Map<String, String>> errors;

    public AxionException(int status, String slug, String title, String detail) {
        this(status, slug, title, detail, List.of(), null);
    }

    public AxionException(int status, String slug, String title, String detail,
                          List<Map<String, String>> errors, Throwable cause) {
        super(detail, cause);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public int status() {
        return status;
    }

    /** The last segment of the problem type URI, e.g. {@code quota-exceeded}. */
    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public String detail() {
        return getMessage();
    }

    /** Extra response headers, such as {@code Retry-After} on a 429. */
    public Map<String, String> headers() {
        return Map.of();
    }

    /** Field errors, each {@code {field, message}}; empty when the detail says it all. */
    public List<Map<String, String>> errors() {
        return errors;
    }
}
