package io.axion.api.store;

/** A failure of the embedded database: always a bug or a broken disk, never bad input. */
public class StoreException extends RuntimeException {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
