package io.axion.store.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axion.api.store.Dialect;
import io.axion.api.store.StoreException;
import io.axion.testing.TestPostgres;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The store's contract on a real PostgreSQL (scripts/setup-postgres.sh makes it; CI always runs this). */
class PostgresStoreTest extends StoreContract {
    @RegisterExtension
    static final TestPostgres POSTGRES = new TestPostgres();

    private TestPostgres.Database database;
    private PostgresStore store;

    @BeforeEach
    void open() {
        database = POSTGRES.fresh();
        store = new PostgresStore(database.url(), database.user(), database.password());
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Override
    AbstractStore store() {
        return store;
    }

    @Override
    Dialect expectedDialect() {
        return Dialect.POSTGRESQL;
    }

    @Override
    AbstractStore otherNode() {
        return new PostgresStore(database.url(), database.user(), database.password());
    }

    @Test
    void aWrongPasswordIsAClearErrorThatDoesNotShowIt() {
        assertThatThrownBy(() -> new PostgresStore(database.url(), database.user(), "not-the-password-42"))
                .isInstanceOf(StoreException.class).hasMessageContaining("Cannot connect to PostgreSQL")
                .hasMessageNotContaining("not-the-password-42");
    }

    @Test
    void urlsAreLoggedWithoutPasswords() {
        assertThat(PostgresStore.redacted("jdbc:postgresql://h/db?user=a&password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://h/db?user=a&password=***&ssl=true");
    }
}
