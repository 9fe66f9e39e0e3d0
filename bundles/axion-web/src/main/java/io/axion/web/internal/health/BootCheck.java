package io.axion.web.internal.health;

import io.axion.api.health.Readiness;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * Readiness of the boot: Karaf has installed its boot features. Until then a feature's bundles may not even be
 * installed, so no other check can know what is missing. Karaf announces it with its {@code BootFinished} service;
 * looked up by name, so the web bundle does not import Karaf's features API for one marker.
 */
@Component(service = HealthCheck.class,
        property = {HealthCheck.NAME + "=" + Readiness.BOOT, HealthCheck.TAGS + "=" + Readiness.TAG})
public class BootCheck implements HealthCheck {
    static final String BOOT_FINISHED = "org.apache.karaf.features.BootFinished";

    private final BundleContext context;

    @Activate
    public BootCheck(BundleContext context) {
        this.context = context;
    }

    @Override
    public Result execute() {
        return context.getServiceReference(BOOT_FINISHED) != null
                ? new Result(Result.Status.OK, "Karaf installed its boot features")
                : new Result(Result.Status.CRITICAL, "Karaf is still installing its boot features");
    }
}
