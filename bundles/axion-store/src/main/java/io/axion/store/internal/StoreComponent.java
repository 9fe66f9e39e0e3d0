package io.axion.store.internal;

import io.axion.api.AxionConstants;
import io.axion.api.AxionPaths;
import io.axion.api.store.Dialect;
import io.axion.api.store.Store;
import java.nio.file.Path;
import java.sql.Connection;
import javax.sql.DataSource;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The store as an OSGi service: the backend its settings choose, {@link PostgresStore} when a URL is set, else the
 * embedded {@link SqliteStore}.
 */
@Component(service = Store.class, configurationPid = AxionConstants.PID_STORE,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = StoreConfig.class)
public class StoreComponent implements Store {
    private AbstractStore backend;

    @Activate
    void activate(StoreConfig config) {
        backend = open(config);
    }

    static AbstractStore open(StoreConfig config) {
        if (!config.url().isBlank()) {
            return new PostgresStore(config.url().trim(), config.user(), config.password(), config.poolSize());
        }
        Path file = config.path().isBlank() ? AxionPaths.dataDir().resolve("axion.db") : Path.of(config.path());
        return new SqliteStore(file, config.busyTimeoutMs(), config.synchronous(), config.poolSize());
    }

    @Deactivate
    void deactivate() {
        backend.close();
    }

    @Override
    public DataSource dataSource() {
        return backend.dataSource();
    }

    @Override
    public Dialect dialect() {
        return backend.dialect();
    }

    @Override
    public void migrate(String owner, Class<?> anchor, String location) {
        backend.migrate(owner, anchor, location);
    }

    @Override
    public <T> T inTransaction(SqlFunction<Connection, T> work) {
        return backend.inTransaction(work);
    }

    @Override
    public <T> T inExclusiveTransaction(String lockName, SqlFunction<Connection, T> work) {
        return backend.inExclusiveTransaction(lockName, work);
    }
}
