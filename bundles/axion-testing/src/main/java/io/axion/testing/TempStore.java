package io.axion.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real store in a fresh folder for each test, closed and deleted after it:
 * {@code @RegisterExtension final TempStore<SqliteStore> store = new TempStore<>(SqliteStore::new);}. The store type
 * is a parameter because axion-store's own tests use this module, so it cannot depend on axion-store.
 *
 * @param <S> the store, opened on the database file's path
 */
public final class TempStore<S extends AutoCloseable> implements BeforeEachCallback, AfterEachCallback {
    private final Function<Path, S> open;
    private Path dir;
    private S store;

    public TempStore(Function<Path, S> open) {
        this.open = open;
    }

    /** The open store; valid inside a test. */
    public S get() {
        return store;
    }

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        dir = Files.createTempDirectory("axion-store");
        store = open.apply(dir.resolve("axion.db"));
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            store.close();
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(TempStore::delete);
            }
        }
    }

    private static void delete(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
