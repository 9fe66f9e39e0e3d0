package io.axion.api.store;

import java.util.Locale;

/** The SQL dialect of the database behind the {@link Store}. */
public enum Dialect {
    /** Embedded SQLite: one node, nothing to install (the default). */
    SQLITE,
    /** A PostgreSQL server that several nodes share. */
    POSTGRESQL;

    /** The sub-folder of a migration location that holds this dialect's own scripts: {@code sqlite}, {@code postgresql}. */
    public String migrationFolder() {
        return name().toLowerCase(Locale.ROOT);
    }
}
