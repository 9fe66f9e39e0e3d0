package io.axion.api.lxd;

import io.axion.api.error.AxionException;

/**
 * LXD answered but would not do it; the detail carries LXD's own message.
 * <ul>
 *   <li>422 ({@code lxd-refused}): LXD rejected the request itself (its 4xx, e.g. an invalid config value, or
 *       "instance is running" for an action that needs it stopped): the caller can change the request.</li>
 *   <li>502 ({@code lxd-failed}): LXD accepted the request and then failed (its 5xx, or a background operation
 *       that ended in failure, e.g. a start that LXD could not complete).</li>
 * </ul>
 */
public class LxdRefusedException extends AxionException {
    private final int lxdStatus;
    private final String lxdMessage;

    public LxdRefusedException(boolean callerCanFix, int lxdStatus, String action, String lxdMessage) {
        super(callerCanFix ? 422 : 502, callerCanFix ? "lxd-refused" : "lxd-failed",
                callerCanFix ? "LXD refused the request" : "LXD failed",
                action + ": " + lxdMessage, null, null);
        this.lxdStatus = lxdStatus;
        this.lxdMessage = lxdMessage;
    }

    /** LXD's HTTP status (or its operation status code for a failed background operation). */
    public int lxdStatus() {
        return lxdStatus;
    }

    /** LXD's error text, unchanged. */
    public String lxdMessage() {
        return lxdMessage;
    }
}
