package io.axion.backup.internal;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One backup. {@code state}: {@value #PENDING} while the archive is written, {@value #GOOD} once it is complete in
 * its target with its checksum, {@value #FAILED} when the run gave up.
 */
record BackupRecord(String id, String instance, String host, String target, String state, String location,
                    String sha256, long sizeBytes, boolean scheduled, Instant createdAt) {
    static final String PENDING = "pending";
    static final String GOOD = "good";
    static final String FAILED = "failed";

    BackupRecord good(String finalLocation, String checksum, long size) {
        return new BackupRecord(id, instance, host, target, GOOD, finalLocation, checksum, size, scheduled, createdAt);
    }

    Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", id);
        json.put("instance", instance);
        json.put("host", host);
        json.put("target", target);
        json.put("state", state);
        json.put("sha256", sha256);
        json.put("sizeBytes", sizeBytes);
        json.put("scheduled", scheduled);
        json.put("createdAt", createdAt.toString());
        return json;
    }
}
