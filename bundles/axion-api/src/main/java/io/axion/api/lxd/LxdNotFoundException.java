package io.axion.api.lxd;

import io.axion.api.error.NotFoundException;

/** 404: LXD has no such instance, snapshot, file or image. */
public class LxdNotFoundException extends NotFoundException {

    /** @param what e.g. {@code Instance}, {@code Snapshot}, {@code File} */
    public LxdNotFoundException(String what, String name) {
        super(what, name);
    }
}
