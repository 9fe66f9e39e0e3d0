package io.axion.api.lxd;

import io.axion.api.error.AxionException;

/** 504 ({@code lxd-timeout}): an LXD operation did not finish before its deadline; it was cancelled if LXD could. */
public class LxdTimeoutException extends AxionException {

    public LxdTimeoutException(String detail) {
        super(504, "lxd-timeout", "LXD timed out", detail);
    }
}
