package io.axion.instances.internal;

import io.axion.api.health.Readiness;
import org.apache.felix.hc.api.HealthCheck;
import org.apache.felix.hc.api.Result;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Readiness of the instance view: {@code /api/v1/instances} answers from memory, so it is only ready once the view
 * holds a listing of LXD made since LXD's events were last interrupted (at start, and after LXD came back). Until
 * then the list could miss instances made, or show ones deleted, while Axion was not listening.
 */
@Component(service = HealthCheck.class,
        property = {HealthCheck.NAME + "=" + InstanceViewHealthCheck.NAME, HealthCheck.TAGS + "=" + Readiness.TAG})
public class InstanceViewHealthCheck implements HealthCheck {
    /** Also named in this bundle's manifest ({@code Axion-Health-Checks}, see pom.xml). */
    static final String NAME = "instances";

    private final InstanceViewComponent view;

    @Activate
    public InstanceViewHealthCheck(@Reference InstanceViewComponent view) {
        this.view = view;
    }

    @Override
    public Result execute() {
        if (!view.current()) {
            return new Result(Result.Status.CRITICAL, "the instance view is listing LXD's instances (at start, or "
                    + "after LXD's event stream was interrupted)");
        }
        return new Result(Result.Status.OK, "the instance view follows LXD's events since its last listing");
    }
}
