package io.axion.web.internal.health;

import io.axion.api.health.Readiness;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.felix.hc.api.Result;
import org.apache.felix.hc.api.ResultLog;
import org.apache.felix.hc.api.execution.HealthCheckExecutionOptions;
import org.apache.felix.hc.api.execution.HealthCheckExecutionResult;
import org.apache.felix.hc.api.execution.HealthCheckExecutor;
import org.apache.felix.hc.api.execution.HealthCheckSelector;
import org.osgi.framework.Bundle;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * Runs the readiness checks. The checks are Apache Felix Health Checks services that each bundle registers for
 * itself (the store, LXD, the cluster, the routes, the boot), run by Felix's executor: kept code that runs them in
 * parallel with a timeout each, and that the shell can run too ({@code hc:exec axion-ready}), rather than a count of
 * services made here. Felix's result cache is bypassed: a readiness answer is never older than its request.
 * <p>
 * A check that is not there cannot fail, so each bundle also names its checks in its manifest
 * ({@link Readiness#CHECKS_HEADER}): a named check of an expected bundle that is not registered is reported failing.
 */
@Component(service = ReadinessChecks.class)
public class ReadinessChecks {
    /** One check's outcome: {@code status} is Felix's, in lower case ({@code ok}, {@code warn}, {@code critical}...). */
    public record Check(String name, String status, String detail, long durationMs) {
        public boolean ok() {
            return "ok".equals(status);
        }
    }

    private static final HealthCheckSelector READINESS = HealthCheckSelector.tags(Readiness.TAG);
    private static final String CRITICAL = "critical";

    private final ExpectedBundles bundles;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile HealthCheckExecutor executor;

    @Activate
    public ReadinessChecks(@Reference ExpectedBundles bundles) {
        this.bundles = bundles;
    }

    /** Every readiness check, sorted by name; ready when all are {@code ok}. */
    public List<Check> run() {
        List<Check> checks = new ArrayList<>();
        HealthCheckExecutor executorNow = executor;
        if (executorNow == null) {
            checks.add(new Check("health-checks", CRITICAL, "Felix Health Checks' executor is not running", 0));
        } else {
            for (HealthCheckExecutionResult result : executorNow.execute(READINESS,
                    new HealthCheckExecutionOptions().setForceInstantExecution(true))) {
                checks.add(new Check(result.getHealthCheckMetadata().getName(),
                        result.getHealthCheckResult().getStatus().name().toLowerCase(Locale.ROOT),
                        detail(result.getHealthCheckResult()), result.getElapsedTimeInMs()));
            }
        }
        Set<String> present = checks.stream().map(Check::name).collect(Collectors.toSet());
        for (Bundle bundle : bundles.declaring(Readiness.CHECKS_HEADER)) {
            for (String name : ExpectedBundles.values(bundle, Readiness.CHECKS_HEADER)) {
                if (present.add(name)) {
                    checks.add(new Check(name, CRITICAL, bundle.getSymbolicName()
                            + " is installed but has not registered this check (not started, or its components "
                            + "are not satisfied)", 0));
                }
            }
        }
        checks.sort(Comparator.comparing(Check::name));
        return checks;
    }

    /** The messages of the entries that decided the status (all of them when it is ok), debug entries left out. */
    private static String detail(Result result) {
        List<ResultLog.Entry> entries = StreamSupport.stream(result.spliterator(), false)
                .filter(e -> !e.isDebug()).toList();
        List<ResultLog.Entry> deciding = result.isOk() ? entries
                : entries.stream().filter(e -> e.getStatus() == result.getStatus()).toList();
        return (deciding.isEmpty() ? entries : deciding).stream().map(ResultLog.Entry::getMessage)
                .collect(Collectors.joining("; "));
    }
}
