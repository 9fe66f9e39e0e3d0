package io.axion.backup.internal;

import io.axion.api.error.ValidationException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The configured targets, by name. */
final class BackupTargets {
    static final List<String> NAMES = List.of(DirectoryTarget.NAME, ResticTarget.NAME);

    private final Map<String, BackupTarget> targets = new LinkedHashMap<>();
    private final String defaultTarget;
    private final Path staging;

    BackupTargets(BackupConfig config, Path home) {
        Path directory = home.resolve(config.directory());
        targets.put(DirectoryTarget.NAME, new DirectoryTarget(directory));
        if (!config.resticRepository().isBlank()) {
            targets.put(ResticTarget.NAME, new ResticTarget(config.resticBinary(), config.resticRepository(),
                    config.resticPassword(), config.resticPasswordFile()));
        }
        this.defaultTarget = config.defaultTarget();
        this.staging = directory.resolve(".staging");
    }

    BackupTargets(Map<String, BackupTarget> targets, String defaultTarget, Path staging) {
        this.targets.putAll(targets);
        this.defaultTarget = defaultTarget;
        this.staging = staging;
    }

    /** Where archives are written while they are incomplete; emptied at startup. */
    Path staging() {
        return staging;
    }

    /** The target by name (null: the default); 400 when it is unknown or not configured. */
    BackupTarget get(String name) {
        String wanted = name == null || name.isBlank() ? defaultTarget : name;
        BackupTarget target = targets.get(wanted);
        if (target == null) {
            throw new ValidationException("target", "'" + wanted + "' is not a configured target; configured: "
                    + targets.keySet());
        }
        return target;
    }

    Iterable<BackupTarget> all() {
        return targets.values();
    }
}
