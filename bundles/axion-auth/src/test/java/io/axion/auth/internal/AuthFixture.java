package io.axion.auth.internal;

import io.axion.store.internal.SqliteStore;
import io.axion.testing.InMemoryCluster;
import io.axion.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** An {@link AuthService} over a real SQLite file in a temporary folder, with a hand-moved clock. */
class AuthFixture implements AutoCloseable {
    static final String ADMIN_PASSWORD = "first-admin-Pa55";

    final Path dataDir;
    final MutableClock clock;
    final SqliteStore store;
    final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    final InMemoryCluster cluster;
    final AuthService auth;

    AuthFixture(Path dataDir, Map<String, Object> config, String envAdminPassword) {
        this(dataDir, new MutableClock(), config, envAdminPassword);
    }

    AuthFixture(Path dataDir, MutableClock clock, Map<String, Object> config, String envAdminPassword) {
        this(dataDir, clock, new SqliteStore(dataDir.resolve("axion.db")), new InMemoryCluster("node-1"), config,
                envAdminPassword);
    }

    private AuthFixture(Path dataDir, MutableClock clock, SqliteStore store, InMemoryCluster cluster,
                        Map<String, Object> config, String envAdminPassword) {
        this.dataDir = dataDir;
        this.clock = clock;
        this.store = store;
        this.cluster = cluster;
        this.auth = new AuthService(store, cluster);
        auth.start(Configs.fastAuth(config), dataDir, clock, envAdminPassword, sleeps::add);
    }

    /** Another node of the same cluster: the same store and clock, its own data folder and memory. */
    AuthFixture secondNode(Path otherDataDir) {
        return new AuthFixture(otherDataDir, clock, store, new InMemoryCluster("node-2", cluster.table()), Map.of(),
                null) {
            @Override
            public void close() {
                auth.stop(); // the store belongs to the first node
            }
        };
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
        auth.stop();
        store.close();
    }
}
