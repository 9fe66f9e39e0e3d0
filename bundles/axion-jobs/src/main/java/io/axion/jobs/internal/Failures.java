package io.axion.jobs.internal;

import io.axion.api.error.AxionException;
import io.axion.api.error.ServiceUnavailableException;
import io.axion.api.job.PermanentJobException;
import io.axion.api.job.TransientJobException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.UndeclaredThrowableException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** Sorts a handler's exception into transient (retry) or permanent (fail now), as documented on JobHandler. */
final class Failures {
    private Failures() {
    }

    static boolean isTransient(Throwable failure) {
        Throwable cause = unwrap(failure);
        if (cause instanceof TransientJobException || cause instanceof ServiceUnavailableException) {
            return true;
        }
        if (cause instanceof PermanentJobException) {
            return false;
        }
        if (cause instanceof AxionException axion) {
            // 5xx: the other side failed (LXD's own errors, a busy instance) and may well succeed next time;
            // 4xx: the request itself is wrong and will stay so.
            return axion.status() >= 500;
        }
        return cause instanceof IOException || cause instanceof TimeoutException;
    }

    /** A one-line description for the job's error and log; the message is what handlers chose to say. */
    static String describe(Throwable failure) {
        Throwable cause = unwrap(failure);
        String message = cause.getMessage();
        if (cause instanceof AxionException || cause instanceof TransientJobException
                || cause instanceof PermanentJobException) {
            return message != null ? message : cause.getClass().getSimpleName();
        }
        return message != null ? cause.getClass().getSimpleName() + ": " + message : cause.getClass().getSimpleName();
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        for (int depth = 0; depth < 10 && current.getCause() != null; depth++) {
            if (current instanceof CompletionException || current instanceof ExecutionException
                    || current instanceof UncheckedIOException || current instanceof InvocationTargetException
                    || current instanceof UndeclaredThrowableException) {
                current = current.getCause();
            } else {
                break;
            }
        }
        return current;
    }
}
