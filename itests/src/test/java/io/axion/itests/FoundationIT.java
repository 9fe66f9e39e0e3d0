package io.axion.itests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import org.apache.karaf.features.FeaturesService;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;

@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class FoundationIT extends KarafTestSupport {

    @Configuration
    public Option[] config() {
        return baseOptions();
    }

    @Test
    public void everyBundleIsActiveExceptFragments() {
        await().atMost(DEADLINE).untilAsserted(() -> {
            List<String> notActive = Arrays.stream(bundleContext.getBundles())
                    .filter(b -> b.getHeaders().get(Constants.FRAGMENT_HOST) == null)
                    .filter(b -> b.getState() != Bundle.ACTIVE)
                    .map(b -> b.getSymbolicName() + " " + b.getState())
                    .toList();
            assertThat(notActive).isEmpty();
        });
    }

    @Test
    public void healthAnswersWithNodeAndClusterMembers() {
        await().atMost(DEADLINE).untilAsserted(() -> {
            HttpResponse<String> health = get("/api/v1/health");
            assertThat(health.statusCode()).isEqualTo(200);
            assertThat(json(health).path("status").asText()).isIn("ok", "degraded");
            assertThat(json(health).path("node").asText()).isNotBlank();
            assertThat(json(health).path("cluster").path("members").asInt()).isEqualTo(1);
        });
    }

    @Test
    public void unknownRoutesAndWrongMethodsAreProblems() {
        HttpResponse<String> nope = get("/api/v1/nope");
        assertThat(nope.statusCode()).isEqualTo(404);
        assertThat(nope.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(json(nope).path("type").asText()).isEqualTo("https://axion.dev/problems/not-found");

        HttpResponse<String> wrongMethod = request("DELETE", "/api/v1/health", null, null);
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("Content-Type")).hasValue("application/problem+json");

        // Refused by Jetty itself, before any route: still a problem, still with the security headers.
        HttpResponse<String> ambiguous = get("/api/v1/%2e%2e/%2e%2e/etc/passwd");
        assertThat(ambiguous.statusCode()).isEqualTo(400);
        assertThat(ambiguous.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(ambiguous.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(ambiguous.headers().firstValue("Content-Security-Policy"))
                .hasValue("default-src 'none'; frame-ancestors 'none'");
        assertThat(json(ambiguous).path("status").asInt()).isEqualTo(400);
        assertThat(nope.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    }

    @Test
    public void protectedRoutesFailClosedWithoutAToken() {
        HttpResponse<String> capabilities = get("/api/v1/capabilities");
        assertThat(capabilities.statusCode()).isEqualTo(401);
        assertThat(json(capabilities).path("status").asInt()).isEqualTo(401);
    }

    @Test
    public void uninstallingAFeatureRemovesItsRoutesAndReinstallingRestoresThem() throws Exception {
        await().atMost(DEADLINE).ignoreExceptions().until(() -> get("/").statusCode() == 200);
        assertThat(get("/").body()).contains("<html");

        features.uninstallFeature("axion-console", EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
        await().atMost(DEADLINE).ignoreExceptions().until(() -> get("/").statusCode() == 404);
        await().atMost(DEADLINE).ignoreExceptions().until(() -> get("/api/v1/health").statusCode() == 200);

        features.installFeature("axion-console", EnumSet.of(FeaturesService.Option.NoAutoRefreshBundles));
        await().atMost(DEADLINE).ignoreExceptions().until(() -> get("/").statusCode() == 200);
    }
}
