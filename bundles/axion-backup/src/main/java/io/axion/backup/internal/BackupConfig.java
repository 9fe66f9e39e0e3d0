package io.axion.backup.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the backup bundle (PID {@code io.axion.backup}); etc/io.axion.backup.cfg layers AXION_* on top. */
@ObjectClassDefinition(name = "Axion backup", description = "Backup targets, retention and schedules")
public @interface BackupConfig {
    String PID = "io.axion.backup";

    @AttributeDefinition(description = "The target used when a request names none: directory or restic")
    String defaultTarget() default "directory";

    @AttributeDefinition(description = "Where the directory target keeps archives "
            + "(AXION_BACKUP_DIRECTORY); a relative path is inside the data folder")
    String directory() default "backups";

    @AttributeDefinition(required = false, description = "The restic repository (AXION_BACKUP_RESTIC_REPOSITORY); "
            + "empty: the restic target is off")
    String resticRepository() default "";

    @AttributeDefinition(required = false, description = "A file holding the restic password "
            + "(AXION_BACKUP_RESTIC_PASSWORD_FILE); preferred over the password itself")
    String resticPasswordFile() default "";

    @AttributeDefinition(required = false, type = org.osgi.service.metatype.annotations.AttributeType.PASSWORD,
            description = "The restic password (AXION_BACKUP_RESTIC_PASSWORD), when no file is set")
    String resticPassword() default "";

    @AttributeDefinition(description = "The restic binary")
    String resticBinary() default "restic";

    @AttributeDefinition(description = "Retention: the newest N backups of an instance are kept")
    int keepLast() default 7;

    @AttributeDefinition(description = "Retention: the newest backup of each of the last N days is kept")
    int keepDaily() default 7;

    @AttributeDefinition(description = "Retention: the newest backup of each of the last N ISO weeks is kept")
    int keepWeekly() default 4;

    @AttributeDefinition(description = "Retention: the newest backup of each of the last N months is kept")
    int keepMonthly() default 6;

    @AttributeDefinition(description = "How often schedules are checked for a due tick, seconds")
    int checkSeconds() default 5;
}
