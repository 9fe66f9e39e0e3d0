package io.axion.instances.internal;

import io.axion.api.host.HostService;
import io.axion.api.instance.CreateInstance;
import io.axion.api.instance.InstanceJobTypes;
import io.axion.api.instance.Resize;
import io.axion.api.job.JobContext;
import io.axion.api.job.JobHandler;
import io.axion.api.job.JobResult;
import io.axion.api.job.PermanentJobException;
import io.axion.api.lxd.InstanceCreation;
import io.axion.api.lxd.InstanceInfo;
import io.axion.api.lxd.InstanceSpec;
import io.axion.api.lxd.InstanceStatus;
import io.axion.api.lxd.LxdAlreadyExistsException;
import io.axion.api.lxd.LxdInstances;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import io.axion.api.tenant.TenantScope;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

/**
 * Does the instance jobs. Every step is safe to repeat (a job runs again after a crash): a create finds the
 * instance it already made (marked with its job id), a start finds it running, a delete finds it gone. After each
 * change the instance is re-read once so the view shows the result when the job completes. A job runs on the node
 * that owns its host, against that host's LXD.
 */
@Component(service = JobHandler.class, configurationPid = InstancesConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        property = {
            JobHandler.TYPE_PROPERTY + "=" + InstanceJobTypes.CREATE,
            JobHandler.TYPE_PROPERTY + "=" + InstanceJobTypes.START,
            JobHandler.TYPE_PROPERTY + "=" + InstanceJobTypes.STOP,
            JobHandler.TYPE_PROPERTY + "=" + InstanceJobTypes.RESTART,
            JobHandler.TYPE_PROPERTY + "=" + InstanceJobTypes.DELETE,
            JobHandler.TYPE_PROPERTY + "=" + InstanceJobTypes.RESIZE
        })
public class InstanceJobHandler implements JobHandler {
    /** Config key marking which job made an instance, so a repeated create recognises its own work. */
    static final String JOB_KEY = "user.axion.job";
    /** A repeated create also accepts an unmarked instance LXD made after the job was queued (minus clock skew). */
    private static final Duration CREATED_SKEW = Duration.ofSeconds(5);

    @Reference
    private HostService hosts;

    @Reference
    private InstanceViewComponent view;

    private String networkConfig;

    public InstanceJobHandler() {
    }

    /** For tests: wires what DS would inject. */
    InstanceJobHandler(HostService hosts, InstanceViewComponent view, String networkConfig) {
        this.hosts = hosts;
        this.view = view;
        this.networkConfig = networkConfig;
    }

    @Activate
    void activate(InstancesConfig config) {
        networkConfig = config.cloudInitNetworkConfig().isBlank() ? null : config.cloudInitNetworkConfig();
    }

    @Override
    public JobResult process(JobContext context) throws Exception {
        String name = context.instance();
        String host = hostOf(context);
        LxdInstances lxd = hosts.lxd(host).instances();
        return switch (context.type()) {
            case InstanceJobTypes.CREATE -> create(context, lxd, host, context.payload(CreateInstance.class));
            case InstanceJobTypes.START -> {
                lxd.start(name);
                yield done(host, name, "started");
            }
            case InstanceJobTypes.STOP -> {
                lxd.stop(name, force(context), null);
                yield done(host, name, "stopped");
            }
            case InstanceJobTypes.RESTART -> {
                lxd.restart(name, force(context));
                yield done(host, name, "restarted");
            }
            case InstanceJobTypes.RESIZE -> {
                Resize resize = context.payload(Resize.class);
                lxd.updateLimits(name, resize.cpu(), resize.memoryMiB());
                yield done(host, name, "limits set: cpu " + text(resize.cpu()) + ", memoryMiB " + text(resize.memoryMiB()));
            }
            case InstanceJobTypes.DELETE -> delete(context, lxd, host, name);
            default -> JobResult.fail("unknown job type " + context.type());
        };
    }

    /**
     * The job's host; jobs queued before hosts existed name none, and act on the host the instance is on (or, for
     * a create, the only host there is).
     */
    private String hostOf(JobContext context) {
        if (context.host() != null) {
            return context.host();
        }
        return view.find(context.instance()).map(io.axion.api.instance.Instance::host)
                .orElseGet(() -> hosts.localHosts().stream().findFirst()
                        .orElseThrow(() -> new PermanentJobException("Job " + context.id() + " names no host")));
    }

    private JobResult create(JobContext context, LxdInstances lxd, String host, CreateInstance request) {
        String name = context.instance();
        // Marked with this job in the creating request itself: a repeated attempt recognises its own work, and no
        // second write to LXD is needed. LXD refuses a name that exists, so there is nothing to look up first.
        // Started by the same call, and not read back: done() reads it once for the view.
        // The tenant is a user.* key on an instance whose LXD name is its Axion name, rather than a name prefix or
        // an LXD project per tenant: every bundle (files, snapshots, forwards, terminals, backups, telemetry) speaks
        // to LXD by the Axion name, and each host already maps to one LXD project of its own, so neither a renaming
        // layer nor a project per tenant and host is needed. The price: names are unique cluster-wide, which
        // implies unique per tenant (a name another tenant holds is refused with 409 like any taken name).
        InstanceSpec spec = new InstanceSpec(name, request.image(), request.cpu(), request.memoryMiB(),
                request.diskGiB(), request.cloudInit(), request.cloudInit() == null ? null : networkConfig,
                request.startAfterCreate(), Map.of(JOB_KEY, context.id(),
                        TenantScope.INSTANCE_CONFIG_KEY, request.tenantOrDefault()))
                .withPlacement(request.placementConfig(), request.placementDevices());
        try {
            InstanceCreation created = lxd.make(spec);
            created.notes().forEach(context::log);
            if (created.imageFallbackUsed()) {
                context.log("Image fallback: asked for " + created.requestedImage() + ", used "
                        + created.usedImage());
            }
        } catch (LxdAlreadyExistsException exists) {
            if (!madeBy(lxd.get(name), context)) {
                throw new PermanentJobException("Instance '" + name + "' already exists and was not made by this job");
            }
            context.log("The instance exists already: made by an earlier attempt of this job");
            if (request.startAfterCreate()) {
                lxd.start(name);
            }
        }
        return done(host, name, request.startAfterCreate() ? "created and started" : "created");
    }

    private JobResult delete(JobContext context, LxdInstances lxd, String host, String name) {
        long stamp = view.stamp();
        Optional<InstanceInfo> existing = lxd.find(name);
        if (existing.isEmpty()) {
            view.removed(host, name, stamp);
            return JobResult.ok("already gone");
        }
        if (existing.get().status() != InstanceStatus.STOPPED) {
            context.log("Stopping it first");
            lxd.stop(name, false, null);
        }
        stamp = view.stamp();
        lxd.delete(name);
        view.removed(host, name, stamp);
        return JobResult.ok("deleted");
    }

    /** Marked with this job's id, or unmarked and made after the job was queued (a crash before the mark). */
    private static boolean madeBy(InstanceInfo instance, JobContext context) {
        String marker = instance.config().get(JOB_KEY);
        if (marker != null) {
            return marker.equals(context.id());
        }
        Instant queued = context.job().createdAt();
        return queued != null && instance.createdAt() != null
                && !instance.createdAt().isBefore(queued.minus(CREATED_SKEW));
    }

    private JobResult done(String host, String name, String what) {
        view.refresh(host, name);
        return JobResult.ok(what);
    }

    private static boolean force(JobContext context) {
        return Boolean.TRUE.equals(context.payload().get("force"));
    }

    private static String text(Integer value) {
        return value == null ? "unchanged" : value.toString();
    }
}
