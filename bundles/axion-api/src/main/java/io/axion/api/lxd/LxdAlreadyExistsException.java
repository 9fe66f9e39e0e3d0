package io.axion.api.lxd;

import io.axion.api.error.ConflictException;

/** 409 ({@code already-exists}): the name (instance, snapshot, forward) is taken. */
public class LxdAlreadyExistsException extends ConflictException {

    public LxdAlreadyExistsException(String what, String name) {
        super("already-exists", what + " '" + name + "' already exists");
    }
}
