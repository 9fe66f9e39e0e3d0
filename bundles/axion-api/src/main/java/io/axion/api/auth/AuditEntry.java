package io.axion.api.auth;

import java.time.Instant;

/**
 * One stored audit event, as {@code GET /api/v1/audit} answers it.
 *
 * @param id      increasing with time
 * @param user    who acted, or {@code null} when nobody was authenticated
 * @param action  {@code login}, {@code login-failed}, {@code login-throttled}, {@code request}, {@code websocket} or
 *                {@code shell}
 * @param method  the HTTP method, or the shell's channel ({@code ssh}, {@code console})
 * @param path    the request path, or the shell command with its target
 * @param status  the outcome as an HTTP status
 */
public record AuditEntry(long id, Instant at, String user, String action, String method, String path,
                         String address, Integer status) {
}
