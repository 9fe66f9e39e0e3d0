package io.axion.lxd.internal;

import io.axion.api.error.ConflictException;
import io.axion.api.lxd.LxdAlreadyExistsException;
import io.axion.api.lxd.LxdNotFoundException;
import io.axion.api.lxd.LxdRefusedException;
import io.axion.api.lxd.LxdUnreachableException;

import java.io.IOException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/** Turns LXD's error answers and transport failures into the typed exceptions of {@code io.axion.api.lxd}. */
final class LxdErrors {

    private LxdErrors() {
    }

    /** An error answer to a request (LXD's {@code error_code} and {@code error}). */
    static RuntimeException fromResponse(int status, String lxdMessage, Subject subject, String action) {
        String message = lxdMessage == null || lxdMessage.isBlank() ? "HTTP " + status : lxdMessage;
        if (saysStopping(message)) {
            return stopping(action, message);
        }
        if (status == 404) {
            return new LxdNotFoundException(subject.kind(), subject.name());
        }
        if (status == 409 || saysAlreadyExists(message)) {
            return new LxdAlreadyExistsException(subject.kind(), subject.name());
        }
        if (status == 403) {
            // Axion itself is not allowed (e.g. its client certificate is not trusted): not the caller's fault.
            return new LxdUnreachableException("LXD refuses Axion (" + action + "): " + message, null);
        }
        if (status == 412) {
            return new ConflictException("changed-concurrently",
                    subject.kind() + " '" + subject.name() + "' changed while it was being updated: " + message);
        }
        if (saysBusy(message)) {
            // Another operation (often the cleanup after a stop) still holds the instance: worth another try soon.
            return new LxdRefusedException(false, status, action, message);
        }
        return new LxdRefusedException(status >= 400 && status < 500, status, action, message);
    }

    /** A background operation that ended in failure or was cancelled. */
    static RuntimeException fromOperation(int statusCode, String err, Subject subject, String action) {
        String message = err == null || err.isBlank() ? "operation ended with status " + statusCode : err;
        if (saysStopping(message)) {
            return stopping(action, message);
        }
        if (saysAlreadyExists(message)) {
            return new LxdAlreadyExistsException(subject.kind(), subject.name());
        }
        return new LxdRefusedException(false, statusCode, action, message);
    }

    static LxdUnreachableException unreachable(String action, Throwable cause) {
        String reason = cause == null ? "no answer" : cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        return new LxdUnreachableException("LXD is unreachable (" + action + "): " + reason, cause);
    }

    /**
     * An operation that LXD forgot while it was being waited for: LXD keeps operations in memory only, so the daemon
     * restarted meanwhile. Whether the work was done is unknown; the caller's next attempt finds out.
     */
    static LxdUnreachableException operationLost(String action, String operationId) {
        return new LxdUnreachableException("LXD lost operation " + operationId + " (" + action
                + "): the daemon restarted during it", null);
    }

    /**
     * LXD answering while its daemon stops: a stopping daemon refuses new work (503 "LXD is shutting down") and
     * fails what touches its closed database, whatever the request. It is LXD going away, not a refusal of the
     * request, so it is treated as LXD being unreachable: callers and jobs try again once LXD is back.
     */
    private static LxdUnreachableException stopping(String action, String message) {
        return new LxdUnreachableException("LXD is stopping (" + action + "): " + message, null);
    }

    private static boolean saysStopping(String message) {
        return message.contains("LXD is shutting down") || message.contains("database is closed");
    }

    /** Whether a transport failure means LXD is not there (as opposed to a bug or a bad answer). */
    static boolean isUnreachable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            // Refused, socket missing (NoSuchFile), dropped (EOF, closed channel), hung (timeout): all IO-level.
            if (t instanceof IOException || t instanceof TimeoutException) {
                return true;
            }
            if (t == t.getCause()) {
                break;
            }
        }
        return false;
    }

    private static boolean saysBusy(String message) {
        return message.contains("is busy running a");
    }

    private static boolean saysAlreadyExists(String message) {
        return message.toLowerCase(Locale.ROOT).contains("already exists");
    }
}
