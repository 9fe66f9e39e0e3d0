package io.axion.web.internal.ws;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The open WebSocket sessions by user, so that a user whose credentials were revoked keeps none. */
final class OpenSessions {
    private static final Logger LOG = LoggerFactory.getLogger(OpenSessions.class);
    static final CloseReason REVOKED = new CloseReason(CloseReason.CloseCodes.VIOLATED_POLICY,
            "credentials revoked");

    private final Map<String, Set<Session>> byUser = new ConcurrentHashMap<>();

    void opened(String username, Session session) {
        byUser.computeIfAbsent(username, u -> ConcurrentHashMap.newKeySet()).add(session);
    }

    void closed(String username, Session session) {
        byUser.computeIfPresent(username, (u, sessions) -> {
            sessions.remove(session);
            return sessions.isEmpty() ? null : sessions;
        });
    }

    /** Closes every session of {@code username} (1008); their endpoints' onClose does the rest. */
    void closeAll(String username) {
        Set<Session> sessions = byUser.remove(username);
        if (sessions == null) {
            return;
        }
        for (Session session : List.copyOf(sessions)) {
            try {
                session.close(REVOKED);
            } catch (IOException | RuntimeException e) {
                LOG.debug("Closing a WebSocket of {} failed: {}", username, e.toString());
            }
        }
        LOG.info("Closed {} WebSocket session(s) of {}: credentials revoked", sessions.size(), username);
    }
}
