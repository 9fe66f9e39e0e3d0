package io.axion.lxd.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.axion.api.lxd.LxdNotFoundException;
import io.axion.api.lxd.LxdTimeoutException;
import org.eclipse.jetty.http.HttpMethod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** LXD background operations: waiting for them with a deadline, and cancelling them. */
final class Operations {
    private static final Logger LOG = LoggerFactory.getLogger(Operations.class);
    /** One long-poll never waits longer, so a dead LXD is noticed even during a long wait. */
    private static final long MAX_POLL_SECONDS = 30;

    private final LxdConnection connection;

    Operations(LxdConnection connection) {
        this.connection = connection;
    }

    /**
     * Waits until the operation ends.
     *
     * @return the finished operation's metadata (its own {@code metadata} holds results such as exec output)
     * @throws LxdTimeoutException after {@code timeout}, having asked LXD to cancel the operation
     */
    JsonNode await(String id, Duration timeout, Subject subject, String action) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            long remainingMillis = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (remainingMillis <= 0) {
                cancel(id);
                throw new LxdTimeoutException(action + " did not finish within " + timeout.toSeconds() + " s");
            }
            long pollSeconds = Math.min(MAX_POLL_SECONDS, Math.max(1, (remainingMillis + 999) / 1000));
            var request = connection.request(HttpMethod.GET, "/1.0/operations/" + id + "/wait")
                    .param("timeout", Long.toString(pollSeconds))
                    .timeout(TimeUnit.SECONDS.toMillis(pollSeconds) + connection.settings().requestTimeout().toMillis(),
                            TimeUnit.MILLISECONDS);
            JsonNode operation;
            try {
                operation = connection.send(request, subject, action).metadata();
            } catch (LxdNotFoundException forgotten) {
                throw LxdErrors.operationLost(action, id);
            }
            String status = operation.path("status").asText("");
            switch (status) {
                case "Success":
                    return operation;
                case "Failure":
                case "Cancelled":
                    throw LxdErrors.fromOperation(operation.path("status_code").asInt(400),
                            operation.path("err").asText(status), subject, action);
                default:
                    // Still running after this poll: poll again until the deadline.
            }
        }
    }

    /** Asks LXD to cancel an operation; best effort (many operations cannot be cancelled). */
    void cancel(String id) {
        try {
            connection.send(connection.request(HttpMethod.DELETE, "/1.0/operations/" + id),
                    Subject.operation(id), "cancel operation " + id);
        } catch (RuntimeException e) {
            LOG.debug("Operation {} could not be cancelled: {}", id, e.getMessage());
        }
    }
}
