package io.axion.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.apache.karaf.features.FeaturesService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceRegistration;

/**
 * Readiness against the real distribution: 200 only with every check ok, 503 naming the failing one, liveness
 * apart, and never ok while a route of an installed feature is missing, polled while a feature comes up.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class HealthIT extends KarafTestSupport {
    private static final String FEATURE = "axion-quota";
    private static final String BUNDLE = "axion-quota";
    private static final String ROUTE = "/api/v1/quota";

    @Configuration
    public Option[] config() {
        return baseOptions();
    }

    @Test
    public void readyWithEveryCheckOkAndLiveApart() {
        await().atMost(DEADLINE).ignoreExceptions().until(() -> get("/api/v1/health").statusCode() == 200);
        JsonNode health = json(get("/api/v1/health"));
        assertThat(health.path("status").asText()).isEqualTo("ok");
        assertThat(health.path("lxd").path("reachable").asBoolean()).isTrue();
        assertThat(health.path("cluster").path("members").asInt()).isEqualTo(1);
        assertThat(checkNames(health)).contains("boot", "cluster", "lxd", "routes", "store");
        assertThat(health.path("checks")).allSatisfy(c -> assertThat(c.path("status").asText()).as(c.toString())
                .isEqualTo("ok"));

        HttpResponse<String> live = get("/api/v1/health/live");
        assertThat(live.statusCode()).isEqualTo(200);
        assertThat(json(live).path("status").asText()).isEqualTo("ok");
    }

    @Test
    public void aFailingCheckMakesHealth503AndNamesIt() {
        await().atMost(DEADLINE).ignoreExceptions().until(() -> get("/api/v1/health").statusCode() == 200);
        Hashtable<String, Object> properties = new Hashtable<>(Map.of(HealthCheck.NAME, "itest-failing",
                HealthCheck.TAGS, "axion-ready"));
        ServiceRegistration<HealthCheck> failing = bundleContext.registerService(HealthCheck.class,
                () -> new Result(Result.Status.CRITICAL, "failing on purpose"), properties);
        try {
            HttpResponse<String> health = get("/api/v1/health");
            assertThat(health.statusCode()).isEqualTo(503);
            assertThat(json(health).path("status").asText()).isEqualTo("degraded");
            JsonNode entry = check(json(health), "itest-failing");
            assertThat(entry.path("status").asText()).isEqualTo("critical");
            assertThat(entry.path("detail").asText()).isEqualTo("failing on purpose");
            assertThat(check(json(health), "store").path("status").asText()).isEqualTo("ok");
            assertThat(get("/api/v1/health/live").statusCode()).isEqualTo(200);
        } finally {
            failing.unregister();
        }
        assertThat(get("/api/v1/health").statusCode()).isEqualTo(200);
    }

    @Test
    public void neverOkWhileARouteOfAnInstalledFeatureIsMissing() throws Exception {
        String token = adminToken();
        await().atMost(DEADLINE).ignoreExceptions().until(() -> get("/api/v1/health").statusCode() == 200
                && request("GET", ROUTE, token, null).statusCode() == 200);

        features.uninstallFeature(FEATURE, EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
        await().atMost(DEADLINE).until(() -> request("GET", ROUTE, token, null).statusCode() == 404);
        await().atMost(DEADLINE).until(() -> get("/api/v1/health").statusCode() == 200);

        // While the feature comes up: whenever health says ok once the feature's bundle exists, the route answers.
        AtomicBoolean polling = new AtomicBoolean(true);
        AtomicInteger notReady = new AtomicInteger();
        AtomicInteger readyWithRoute = new AtomicInteger();
        ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
        CompletableFuture<Void> poller = CompletableFuture.runAsync(() -> {
            while (polling.get()) {
                boolean installed = bundleInstalled();
                HttpResponse<String> health = get("/api/v1/health");
                if (!installed) {
                    continue;
                }
                if (health.statusCode() != 200) {
                    notReady.incrementAndGet();
                    continue;
                }
                HttpResponse<String> route = request("GET", ROUTE, token, null);
                if (route.statusCode() == 200) {
                    readyWithRoute.incrementAndGet();
                } else {
                    violations.add("health ok but " + ROUTE + " answered " + route.statusCode() + ": " + health.body());
                }
            }
        });
        try {
            features.installFeature(FEATURE, EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
            await().atMost(DEADLINE).until(() -> readyWithRoute.get() >= 20 || !violations.isEmpty());
        } finally {
            polling.set(false);
            poller.get(30, TimeUnit.SECONDS);
        }
        System.out.printf("HealthIT: while %s came up, health answered 503 %d times, then ok with the route %d times%n",
                FEATURE, notReady.get(), readyWithRoute.get());
        assertThat(new ArrayList<>(violations)).isEmpty();
        assertThat(readyWithRoute.get()).isGreaterThanOrEqualTo(20);
    }

    private boolean bundleInstalled() {
        return Arrays.stream(bundleContext.getBundles())
                .anyMatch(b -> BUNDLE.equals(b.getSymbolicName()) && b.getState() != Bundle.UNINSTALLED);
    }

    private static List<String> checkNames(JsonNode health) {
        return StreamSupport.stream(health.path("checks").spliterator(), false).map(c -> c.path("name").asText())
                .toList();
    }

    private static JsonNode check(JsonNode health, String name) {
        return StreamSupport.stream(health.path("checks").spliterator(), false)
                .filter(c -> name.equals(c.path("name").asText())).findFirst()
                .orElseThrow(() -> new AssertionError("no check " + name + " in " + health));
    }
}
