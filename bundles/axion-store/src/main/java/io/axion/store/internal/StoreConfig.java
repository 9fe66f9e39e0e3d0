package io.axion.store.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Axion store",
        description = "The embedded SQLite database, or the PostgreSQL database the nodes of a cluster share")
public @interface StoreConfig {

    @AttributeDefinition(description = "PostgreSQL JDBC URL (jdbc:postgresql://host:port/database); empty means the "
            + "embedded SQLite file")
    String url() default "";

    @AttributeDefinition(description = "PostgreSQL role")
    String user() default "axion";

    @AttributeDefinition(description = "PostgreSQL password", type = AttributeType.PASSWORD)
    String password() default "";

    @AttributeDefinition(description = "SQLite database file; empty means axion.db in the data folder (AXION_DATA)")
    String path() default "";

    @AttributeDefinition(description = "How long a SQLite writer waits for the database lock, in milliseconds")
    int busyTimeoutMs() default 10_000;

    @AttributeDefinition(description = "SQLite synchronous mode: FULL survives power loss, NORMAL only crashes")
    String synchronous() default "FULL";

    @AttributeDefinition(description = "Pooled connections (SQLite in WAL mode has many readers, one writer)")
    int poolSize() default 4;
}
