package io.axion.api.lxd;

import java.util.List;
import java.util.Map;

/**
 * A command to run inside an instance.
 *
 * @param command     the program and its arguments (no shell unless you name one)
 * @param environment extra environment variables
 * @param cwd         the working directory; null for the instance's default
 * @param uid         the user id to run as; null for root
 * @param gid         the group id to run as; null for root
 */
public record ExecRequest(List<String> command, Map<String, String> environment, String cwd, Integer uid, Integer gid) {

    public ExecRequest {
        if (command == null || command.isEmpty()) {
            throw new IllegalArgumentException("command must not be empty");
        }
        command = List.copyOf(command);
        environment = environment == null ? Map.of() : Map.copyOf(environment);
    }

    public static ExecRequest of(String... command) {
        return new ExecRequest(List.of(command), Map.of(), null, null, null);
    }
}
