package io.axion.auth.internal;

import io.axion.api.auth.AuditEntry;
import io.axion.api.auth.AuditEvent;
import io.axion.api.auth.AuditTrail;
import java.util.List;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** {@link AuditTrail} for the other bundles (WebSocket upgrades, shell commands): the same log as the API's. */
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
    public List<AuditEntry> recent(int limit, String user) {
        return auth.audit().recent(AuditLog.requireLimit(limit), user);
    }

    @Override
    public void record(AuditEvent event) {
        auth.audit().record(event.user(), event.action(), event.method(), event.target(), event.address(),
                event.status());
    }
}
