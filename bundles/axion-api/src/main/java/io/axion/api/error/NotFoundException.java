package io.axion.api.error;

/** 404: the named thing does not exist. */
public class NotFoundException extends AxionException {
    public NotFoundException(String what, String name) {
        super(404, "not-found", "Not found", what + " '" + name + "' does not exist");
    }
}
