package io.axion.api.error;

/** 409: a name or port is taken, or the thing is in a state that forbids the action. */
public class ConflictException extends AxionException {
    public ConflictException(String slug, String detail) {
        super(409, slug, "Conflict", detail);
    }
}
