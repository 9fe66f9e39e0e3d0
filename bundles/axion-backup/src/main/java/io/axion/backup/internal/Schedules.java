package io.axion.backup.internal;

import io.axion.api.error.ValidationException;
import java.time.Duration;

/**
 * An instance's schedules, as {@code PUT /api/v1/instances/{name}/schedules} takes them; either part may be null
 * (off).
 */
public record Schedules(SnapshotSchedule snapshots, BackupSchedule backups) {

    /**
     * @param expiry how long a scheduled snapshot lives, e.g. {@code 7d}, {@code 12h}, {@code 30m}; null: forever
     * @param keep   the most scheduled snapshots kept; 0: no limit
     */
    public record SnapshotSchedule(String cron, String expiry, int keep) {
    }

    /** @param target directory or restic; null: the default target */
    public record BackupSchedule(String cron, String target, int keep) {
    }

    /** Checks every field; bad input is a 400 that changes nothing. */
    Schedules validated() {
        if (snapshots != null) {
            CronTicks.parse("snapshots.cron", snapshots.cron());
            expiryOf(snapshots.expiry());
            requireNonNegative("snapshots.keep", snapshots.keep());
        }
        if (backups != null) {
            CronTicks.parse("backups.cron", backups.cron());
            requireNonNegative("backups.keep", backups.keep());
            if (backups.target() != null && !BackupTargets.NAMES.contains(backups.target())) {
                throw new ValidationException("backups.target", "must be one of " + BackupTargets.NAMES);
            }
        }
        return this;
    }

    static Duration expiryOf(String expiry) {
        if (expiry == null || expiry.isBlank()) {
            return null;
        }
        var m = java.util.regex.Pattern.compile("(\\d{1,6})([mhdw])").matcher(expiry.trim());
        if (!m.matches()) {
            throw new ValidationException("snapshots.expiry", "must be a number and m, h, d or w, such as 7d");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
        };
    }

    private static void requireNonNegative(String field, int value) {
        if (value < 0) {
            throw new ValidationException(field, "must be 0 (no limit) or more");
        }
    }
}
