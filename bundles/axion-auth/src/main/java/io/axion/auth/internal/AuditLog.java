package io.axion.auth.internal;

import io.axion.api.auth.AuditEntry;
import io.axion.api.auth.AuditEvent;
import io.axion.api.auth.AuditTrail;
import io.axion.api.error.ValidationException;
import io.axion.api.store.Store;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit log in SQLite: logins, failed logins, every mutating request, WebSocket session and shell command, with
 * who, what, when, from where and the outcome. Callers hand it no bodies and no credentials, so nothing secret can
 * land in it.
 */
final class AuditLog {
    private static final Logger LOG = LoggerFactory.getLogger(AuditLog.class);
    static final String LOGIN = "login";
    static final String LOGIN_FAILED = "login-failed";
    static final String LOGIN_THROTTLED = "login-throttled";
    /** A right password without the code its user needs (or without the enrolment its role needs). */
    static final String LOGIN_TOTP_REQUIRED = "login-totp-required";
    /** Two-factor changes: an enrolment started, confirmed (on), turned off by its user, reset by an admin. */
    static final String TOTP_ENROL = "totp-enrol";
    static final String TOTP_ENABLED = "totp-enabled";
    static final String TOTP_DISABLED = "totp-disabled";
    static final String TOTP_RESET = "totp-reset";
    static final String REQUEST = AuditEvent.REQUEST;
    private static final int PRUNE_EVERY = 1000;
    private static final int MAX_TEXT = 512;

    private final Store store;
    private final Clock clock;
    private final Duration retention;
    private final long maxEntries;
    private final AtomicLong writes = new AtomicLong();

    AuditLog(Store store, Clock clock, Duration retention, long maxEntries) {
        this.store = store;
        this.clock = clock;
        this.retention = retention;
        this.maxEntries = Math.max(1, maxEntries);
    }

    /** Records an event. A failing audit write is logged, never thrown: it must not turn a done action into a 500. */
    void record(String user, String action, String method, String path, String address, Integer status) {
        try {
            store.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO auth_audit "
                        + "(at_ms, username, action, method, path, address, status) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                    ps.setLong(1, clock.millis());
                    ps.setString(2, clip(user));
                    ps.setString(3, clip(action));
                    ps.setString(4, clip(method));
                    ps.setString(5, clip(path));
                    ps.setString(6, clip(address));
                    if (status == null) {
                        ps.setNull(7, Types.INTEGER);
                    } else {
                        ps.setInt(7, status);
                    }
                    return ps.executeUpdate();
                }
            });
        } catch (RuntimeException e) {
            LOG.error("Cannot write the audit entry {} {} {} by {}", action, method, path, user, e);
        }
        if (writes.incrementAndGet() % PRUNE_EVERY == 0) {
            prune();
        }
    }

    /** {@code limit} when it is from 1 to {@link AuditTrail#MAX_LIMIT}; else 422. */
    static int requireLimit(int limit) {
        if (limit < 1 || limit > AuditTrail.MAX_LIMIT) {
            throw new ValidationException("limit", "must be a whole number from 1 to " + AuditTrail.MAX_LIMIT);
        }
        return limit;
    }

    /** Newest first; {@code user} null for everyone's. */
    List<AuditEntry> recent(int limit, String user) {
        int bounded = Math.max(1, Math.min(limit, AuditTrail.MAX_LIMIT));
        String sql = "SELECT id, at_ms, username, action, method, path, address, status FROM auth_audit"
                + (user == null ? "" : " WHERE username = ?") + " ORDER BY id DESC LIMIT ?";
        return store.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                int i = 1;
                if (user != null) {
                    ps.setString(i++, user);
                }
                ps.setInt(i, bounded);
                try (ResultSet rs = ps.executeQuery()) {
                    List<AuditEntry> entries = new ArrayList<>();
                    while (rs.next()) {
                        int code = rs.getInt(8);
                        Integer status = rs.wasNull() ? null : code;
                        entries.add(new AuditEntry(rs.getLong(1), Instant.ofEpochMilli(rs.getLong(2)), rs.getString(3),
                                rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), status));
                    }
                    return entries;
                }
            }
        });
    }

    /**
     * Deletes entries older than the retention, and the oldest beyond the most kept (a flood of refused requests
     * must not fill the disk); returns how many.
     */
    int prune() {
        long cutoff = clock.instant().minus(retention).toEpochMilli();
        try {
            return store.inTransaction(c -> {
                try (PreparedStatement old = c.prepareStatement("DELETE FROM auth_audit WHERE at_ms < ?");
                     PreparedStatement excess = c.prepareStatement(
                             "DELETE FROM auth_audit WHERE id <= (SELECT max(id) FROM auth_audit) - ?")) {
                    old.setLong(1, cutoff);
                    excess.setLong(1, maxEntries);
                    return old.executeUpdate() + excess.executeUpdate();
                }
            });
        } catch (RuntimeException e) {
            LOG.error("Cannot prune the audit log", e);
            return 0;
        }
    }

    private static String clip(String text) {
        return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
    }
}
