package io.axion.hpc.internal.run;

import io.axion.api.error.ValidationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The body of {@code POST /api/v1/gangs/{name}/runs}.
 *
 * @param command        the program and its arguments, or one string run by {@code /bin/sh -c}
 * @param env            extra environment variables
 * @param timeoutSeconds how long each member's command may take (default {@value #DEFAULT_TIMEOUT_SECONDS} s); on
 *                       expiry it is killed and the run fails
 */
public record RunRequest(Object command, Map<String, String> env, Integer timeoutSeconds) {
    public static final int DEFAULT_TIMEOUT_SECONDS = 300;
    public static final int MAX_TIMEOUT_SECONDS = 7 * 24 * 3600;
    private static final int MAX_ARGUMENTS = 1024;
    private static final int MAX_ENV = 256;

    /** The command as LXD runs it; a string goes through the shell, like {@code srun sh -c}. */
    public List<String> argv() {
        if (command instanceof String line) {
            if (line.isBlank()) {
                throw new ValidationException("command", "must not be blank");
            }
            return List.of("/bin/sh", "-c", line);
        }
        if (command instanceof List<?> parts && !parts.isEmpty() && parts.size() <= MAX_ARGUMENTS) {
            List<String> argv = new ArrayList<>(parts.size());
            for (Object part : parts) {
                if (!(part instanceof String text)) {
                    throw new ValidationException("command", "must be strings only");
                }
                argv.add(text);
            }
            if (argv.get(0).isBlank()) {
                throw new ValidationException("command", "must name a program first");
            }
            return List.copyOf(argv);
        }
        throw new ValidationException("command", "is required: a list of strings (1 to " + MAX_ARGUMENTS
                + ") or one shell line");
    }

    public Map<String, String> environment() {
        if (env == null) {
            return Map.of();
        }
        if (env.size() > MAX_ENV) {
            throw new ValidationException("env", "must have at most " + MAX_ENV + " variables");
        }
        for (Map.Entry<String, String> variable : env.entrySet()) {
            if (variable.getKey() == null || !variable.getKey().matches("[A-Za-z_][A-Za-z0-9_]*")
                    || variable.getValue() == null) {
                throw new ValidationException("env", "names must match [A-Za-z_][A-Za-z0-9_]* with string values");
            }
        }
        return Map.copyOf(env);
    }

    public Duration timeout() {
        if (timeoutSeconds == null) {
            return Duration.ofSeconds(DEFAULT_TIMEOUT_SECONDS);
        }
        if (timeoutSeconds < 1 || timeoutSeconds > MAX_TIMEOUT_SECONDS) {
            throw new ValidationException("timeoutSeconds", "must be a whole number from 1 to " + MAX_TIMEOUT_SECONDS);
        }
        return Duration.ofSeconds(timeoutSeconds);
    }

    /** Every 422 at once, before anything runs. */
    public void validate() {
        argv();
        environment();
        timeout();
    }
}
