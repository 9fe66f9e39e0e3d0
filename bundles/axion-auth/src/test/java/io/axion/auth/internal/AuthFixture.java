package io.axion.auth.internal;

import io.axion.store.internal.SqliteStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** An {@link AuthService} over a real SQLite file in a temporary folder, with a hand-moved clock. */
final class AuthFixture implements AutoCloseable {
    static final String ADMIN_PASSWORD = "first-admin-Pa55";

    final Path dataDir;
    final MutableClock clock;
    final SqliteStore store;
    final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    final AuthService auth;

    AuthFixture(Path dataDir, Map<String, Object> config, String envAdminPassword) {
        this(dataDir, new MutableClock(), config, envAdminPassword);
    }

    AuthFixture(Path dataDir, MutableClock clock, Map<String, Object> config, String envAdminPassword) {
        this.dataDir = dataDir;
        this.clock = clock;
        this.store = new SqliteStore(dataDir.resolve("axion.db"));
        this.auth = new AuthService(store);
        auth.start(Configs.fastAuth(config), dataDir, clock, envAdminPassword, sleeps::add);
    }

    static AuthFixture withAdmin(Path dataDir) {
        return new AuthFixture(dataDir, Map.of(), ADMIN_PASSWORD);
    }

    /** The same data folder and clock, as after a restart. */
    AuthFixture restart(Map<String, Object> config, String envAdminPassword) {
        close();
        return new AuthFixture(dataDir, clock, config, envAdminPassword);
    }

    String login(String username, String password) {
        return auth.login(username, password, "127.0.0.1").token();
    }

    @Override
    public void close() {
        store.close();
    }
}
