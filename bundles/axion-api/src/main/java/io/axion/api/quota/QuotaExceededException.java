package io.axion.api.quota;

import io.axion.api.error.ValidationException;

/** 422 {@code https://axion.dev/problems/quota-exceeded}: the detail says which resource is short and by how much. */
public class QuotaExceededException extends ValidationException {

    public QuotaExceededException(String detail) {
        super("quota-exceeded", "Quota exceeded", detail);
    }
}
