package io.axion.api.auth;

/**
 * One audited action: who did what, through which channel, from where, and how it ended. Fields carry no secrets:
 * never a password, a token, a ticket or a request body.
 *
 * @param user    who acted, or {@code null} when nobody was authenticated
 * @param action  the kind of event, e.g. {@code request}, {@code websocket}, {@code shell}, {@code login}
 * @param method  the HTTP method, or the channel ({@code ssh}, {@code console}) for the shell
 * @param target  what was acted on: a path without secrets, or a shell command with its non-secret arguments
 * @param address the client's address
 * @param status  the outcome as an HTTP status (the shell's success is 200, a refusal the service's 4xx)
 */
public record AuditEvent(String user, String action, String method, String target, String address, Integer status) {
    public static final String REQUEST = "request";
    public static final String WEBSOCKET = "websocket";
    public static final String SHELL = "shell";
}
