package io.axion.instances.internal.terminal;

import io.axion.api.auth.AuthenticatedUser;
import io.axion.api.auth.Roles;
import io.axion.api.host.HostService;
import io.axion.api.instance.Instance;
import io.axion.api.instance.InstanceService;
import io.axion.api.lxd.LxdExec;
import java.util.Optional;
import io.axion.api.error.AxionException;
import io.axion.api.tenant.TenantRoles;
import io.axion.api.tenant.TenantScope;
import io.axion.api.tenant.TenantService;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import io.axion.api.web.WebSocketRoute;
import jakarta.websocket.Endpoint;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;

/**
 * {@code /ws/terminal/{name}}: an interactive shell in an instance, for operators and admins (a viewer's socket is
 * closed at once with 1008). Open terminals are pinged, so that an idle but live browser keeps its shell while a
 * vanished one is dropped by the idle timeout.
 */
@Component(service = WebSocketRoute.class, configurationPid = TerminalRoute.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = TerminalConfig.class)
public class TerminalRoute implements WebSocketRoute {
    static final String PID = "io.axion.terminal";
    static final int POLICY_VIOLATION = 1008;
    private static final Pattern NAME = Pattern.compile("^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$");

    private final HostService hosts;
    private final InstanceService instances;
    private final long pingSeconds;
    private final long backlogBytes;
    private final Set<TerminalEndpoint> open = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService pings = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "axion-terminal-ping"));
    private final ExecutorService pinger = Executors.newCachedThreadPool(r -> daemon(r, "axion-terminal-pinger"));

    /** Optional: without tenants any operator opens any instance's terminal. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile TenantService tenants;

    @Activate
    public TerminalRoute(@Reference HostService hosts, @Reference InstanceService instances, TerminalConfig config) {
        this.hosts = hosts;
        this.instances = instances;
        this.pingSeconds = Math.max(1, config.pingSeconds());
        this.backlogBytes = Math.max(64 * 1024, config.backlogBytes());
        pings.scheduleWithFixedDelay(this::pingAll, pingSeconds, pingSeconds, TimeUnit.SECONDS);
    }

    @Deactivate
    void deactivate() {
        pings.shutdownNow();
        pinger.shutdownNow();
    }

    @Override
    public String name() {
        return "terminal";
    }

    @Override
    public Endpoint newEndpoint(AuthenticatedUser user, String argument, Map<String, String> query) {
        if (!user.hasRole(Roles.OPERATOR)) {
            return new ClosingEndpoint(POLICY_VIOLATION, "a terminal needs the operator role");
        }
        if (argument == null || !NAME.matcher(argument).matches()) {
            return new ClosingEndpoint(TerminalEndpoint.NOT_FOUND, "no instance named '"
                    + (argument == null ? "" : argument.substring(0, Math.min(argument.length(), 64))) + "'");
        }
        Optional<Instance> instance = instances.find(argument);
        TenantService service = tenants;
        if (service != null && instance.isPresent()) {
            // Another tenant's instance is "not found", as on REST; a tenant viewer may not open a shell.
            TenantScope scope;
            try {
                scope = service.scopeOf(user.username(), user.role(),
                        user.tenant() != null ? user.tenant() : query.get("tenant"));
            } catch (AxionException refused) {
                return new ClosingEndpoint(POLICY_VIOLATION, refused.detail());
            }
            if (!scope.sees(instance.get().tenant())) {
                instance = Optional.empty();
            } else if (!Roles.ADMIN.equals(user.role()) && TenantRoles.VIEWER.equals(scope.role())) {
                return new ClosingEndpoint(POLICY_VIOLATION, "a terminal needs the operator role in the tenant");
            }
        }
        if (instance.isEmpty()) {
            return new ClosingEndpoint(TerminalEndpoint.NOT_FOUND, "no instance named '" + argument + "'");
        }
        // The terminal talks to the instance's host directly, whichever node the browser reached.
        LxdExec exec = hosts.lxd(instance.get().host()).exec();
        return new TerminalEndpoint(this, exec, user.username(), argument, query);
    }

    long idleTimeoutMillis() {
        return TimeUnit.SECONDS.toMillis(3 * pingSeconds + 10);
    }

    long backlogBytes() {
        return backlogBytes;
    }

    void opened(TerminalEndpoint endpoint) {
        open.add(endpoint);
    }

    void closed(TerminalEndpoint endpoint) {
        open.remove(endpoint);
    }

    private void pingAll() {
        for (TerminalEndpoint endpoint : open) {
            if (endpoint.pingDue()) {
                pinger.execute(endpoint::ping);
            }
        }
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
