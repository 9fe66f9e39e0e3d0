package io.axion.auth.internal;

import io.axion.api.auth.AuditEvent;
import io.axion.api.auth.AuditTrail;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@link AuditTrail} for the other bundles (WebSocket upgrades, shell commands), into the same log as the API's. */
@Component(service = AuditTrail.class)
public class AuditTrailService implements AuditTrail {

    @Reference
    private AuthService auth;

    public AuditTrailService() {
    }

    /** For tests. */
    AuditTrailService(AuthService auth) {
        this.auth = auth;
    }

    @Override
    public void record(AuditEvent event) {
        auth.audit().record(event.user(), event.action(), event.method(), event.target(), event.address(),
                event.status());
    }
}
