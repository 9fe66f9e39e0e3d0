package io.axion.backup.internal;

import io.axion.api.lxd.SnapshotInfo;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Which scheduled snapshots (named {@value #PREFIX}...) to delete: past their expiry, or beyond the keep count. */
final class SnapshotPruning {
    static final String PREFIX = "auto-";

    private SnapshotPruning() {
    }

    /** Snapshots that a person made are never pruned: only those the schedule named. */
    static List<String> toDelete(List<SnapshotInfo> snapshots, Duration expiry, int keep, Clock clock) {
        List<SnapshotInfo> scheduled = new ArrayList<>(snapshots.stream()
                .filter(s -> s.name().startsWith(PREFIX) && s.createdAt() != null).toList());
        scheduled.sort(Comparator.comparing(SnapshotInfo::createdAt).reversed());
        List<String> doomed = new ArrayList<>();
        for (int i = 0; i < scheduled.size(); i++) {
            SnapshotInfo s = scheduled.get(i);
            boolean expired = expiry != null && s.createdAt().plus(expiry).isBefore(clock.instant());
            if (expired || (keep > 0 && i >= keep)) {
                doomed.add(s.name());
            }
        }
        return doomed;
    }
}
