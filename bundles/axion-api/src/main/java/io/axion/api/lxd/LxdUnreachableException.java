package io.axion.api.lxd;

import io.axion.api.error.ServiceUnavailableException;

/** 503 ({@code lxd-unreachable}): the LXD daemon does not answer (socket absent, refused, timed out). */
public class LxdUnreachableException extends ServiceUnavailableException {

    public LxdUnreachableException(String detail, Throwable cause) {
        super("lxd-unreachable", detail, cause);
    }
}
