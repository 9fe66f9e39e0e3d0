package io.axion.store.internal;

import io.axion.api.health.Readiness;
import io.axion.api.store.Store;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** Readiness of the store: a connection from the pool answers a query. */
@Component(service = HealthCheck.class,
        property = {HealthCheck.NAME + "=" + Readiness.STORE, HealthCheck.TAGS + "=" + Readiness.TAG})
public class StoreHealthCheck implements HealthCheck {
    private static final int QUERY_TIMEOUT_SECONDS = 2;

    private final Store store;

    @Activate
    public StoreHealthCheck(@Reference Store store) {
        this.store = store;
    }

    @Override
    public Result execute() {
        try (Connection connection = store.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
            try (ResultSet row = statement.executeQuery("SELECT 1")) {
                return row.next() ? new Result(Result.Status.OK, "The store answers")
                        : new Result(Result.Status.CRITICAL, "The store answered no row to SELECT 1");
            }
        } catch (SQLException | RuntimeException e) {
            return new Result(Result.Status.CRITICAL, "The store does not answer: " + e.getMessage());
        }
    }
}
