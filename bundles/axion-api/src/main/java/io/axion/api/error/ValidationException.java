package io.axion.api.error;

import java.util.List;
import java.util.Map;

/** 422: the input parsed but is invalid; names the offending field. */
public class ValidationException extends AxionException {

    public ValidationException(String field, String message) {
        super(422, "validation", "Invalid input", field + ": " + message,
                List.of(Map.of("field", field, "message", message)), null);
    }

    public ValidationException(String slug, String title, String detail) {
        super(422, slug, title, detail);
    }
}
