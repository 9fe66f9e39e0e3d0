package io.axion.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A PostgreSQL database of its own for a test class, on the local server that {@code scripts/setup-postgres.sh}
 * prepares, dropped once the class is done:
 * <pre>
 * &#64;RegisterExtension
 * static final TestPostgres POSTGRES = new TestPostgres();
 * ...
 * TestPostgres.Database db = POSTGRES.fresh(); // empty for each test
 * </pre>
 * The server: {@value #URL_SETTING}, {@value #USER_SETTING} and {@value #PASSWORD_SETTING}, each a system property
 * or else an environment variable, by default {@value #DEFAULT_URL} as {@code axion} / {@code axion}. The URL's
 * database is where the helper connects to create and drop the test databases; their URLs keep its host and port.
 * <p>
 * A server that cannot be reached fails the test, never skips it: CI must run the PostgreSQL tests.
 */
public final class TestPostgres implements AfterAllCallback {
    public static final String URL_SETTING = "AXION_TEST_PG_URL";
    public static final String USER_SETTING = "AXION_TEST_PG_USER";
    public static final String PASSWORD_SETTING = "AXION_TEST_PG_PASSWORD";
    public static final String DEFAULT_URL = "jdbc:postgresql://127.0.0.1:5432/axion";
    private static final Pattern URL = Pattern.compile("(jdbc:postgresql://[^/?]*/)([^?]*)(\\?.*)?");

    /** A test database and how to reach it. */
    public record Database(String name, String url, String user, String password) {

        public Connection connect() throws SQLException {
            return dataSource(url, user, password).getConnection();
        }
    }

    private Database database;

    /** This class's database, created at the first call. */
    public synchronized Database database() {
        if (database == null) {
            database = createDatabase("class");
        }
        return database;
    }

    /** This class's database with nothing left in it by earlier tests: its schema {@code public} made anew. */
    public synchronized Database fresh() {
        Database db = database();
        try (Connection connection = db.connect(); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS public CASCADE");
            statement.execute("CREATE SCHEMA public");
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot empty test database " + db.name() + ": " + e.getMessage(), e);
        }
        return db;
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        if (database != null) {
            dropDatabase(database);
            database = null;
        }
    }

    /** Creates an empty database named after {@code label} and a random suffix. */
    public static Database createDatabase(String label) {
        String name = ("axion_test_" + label.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_"));
        name = name.substring(0, Math.min(name.length(), 50)) + "_"
                + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String admin = setting(URL_SETTING, DEFAULT_URL);
        Matcher url = URL.matcher(admin);
        if (!url.matches()) {
            throw new IllegalStateException(URL_SETTING + " must look like " + DEFAULT_URL + ": " + admin);
        }
        String user = setting(USER_SETTING, "axion");
        String password = setting(PASSWORD_SETTING, "axion");
        adminExecute("CREATE DATABASE " + name);
        return new Database(name, url.group(1) + name + (url.group(3) == null ? "" : url.group(3)), user, password);
    }

    /** Drops the database, ending the sessions still connected to it. */
    public static void dropDatabase(Database db) {
        adminExecute("DROP DATABASE IF EXISTS " + db.name() + " WITH (FORCE)");
    }

    private static void adminExecute(String sql) {
        String url = setting(URL_SETTING, DEFAULT_URL);
        String user = setting(USER_SETTING, "axion");
        Connection connection;
        try {
            connection = dataSource(url, user, setting(PASSWORD_SETTING, "axion")).getConnection();
        } catch (SQLException e) {
            throw new IllegalStateException("The PostgreSQL tests cannot reach their server at " + url + " as "
                    + user + " (" + e.getMessage() + "). Run scripts/setup-postgres.sh as root: it installs, starts "
                    + "and prepares the local PostgreSQL; or set " + URL_SETTING + ", " + USER_SETTING + " and "
                    + PASSWORD_SETTING + " to a server where that role may CREATE DATABASE.", e);
        }
        try (connection; Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed on " + url + " as " + user + ": " + e.getMessage()
                    + " (scripts/setup-postgres.sh gives the role CREATEDB)", e);
        }
    }

    private static PGSimpleDataSource dataSource(String url, String user, String password) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(url);
        dataSource.setUser(user);
        dataSource.setPassword(password);
        dataSource.setConnectTimeout(10);
        return dataSource;
    }

    private static String setting(String name, String fallback) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            value = System.getenv(name);
        }
        return value == null || value.isBlank() ? fallback : value;
    }
}
