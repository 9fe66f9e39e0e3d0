package io.axion.instances.internal;

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
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;

/**
 * Does the instance jobs. Every step is safe to repeat (a job runs again after a crash): a create finds the
 * instance it already made (marked with its job id), a start finds it running, a delete finds it gone. After each
 * change the instance is re-read once so the view shows the result when the job completes.
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
    private LxdInstances lxd;

    @Reference
    private InstanceViewComponent view;

    private String networkConfig;

    public InstanceJobHandler() {
    }

    /** For tests: wires what DS would inject. */
    InstanceJobHandler(LxdInstances lxd, InstanceViewComponent view, String networkConfig) {
        this.lxd = lxd;
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
        return switch (context.type()) {
            case InstanceJobTypes.CREATE -> create(context, context.payload(CreateInstance.class));
            case InstanceJobTypes.START -> {
                lxd.start(name);
                yield done(name, "started");
            }
            case InstanceJobTypes.STOP -> {
                lxd.stop(name, force(context), null);
                yield done(name, "stopped");
            }
            case InstanceJobTypes.RESTART -> {
                lxd.restart(name, force(context));
                yield done(name, "restarted");
            }
            case InstanceJobTypes.RESIZE -> {
                Resize resize = context.payload(Resize.class);
                lxd.updateLimits(name, resize.cpu(), resize.memoryMiB());
                yield done(name, "limits set: cpu " + text(resize.cpu()) + ", memoryMiB " + text(resize.memoryMiB()));
            }
            case InstanceJobTypes.DELETE -> delete(context, name);
            default -> JobResult.fail("unknown job type " + context.type());
        };
    }

    private JobResult create(JobContext context, CreateInstance request) {
        String name = context.instance();
        Optional<InstanceInfo> existing = lxd.find(name);
        if (existing.isPresent()) {
            if (!madeBy(existing.get(), context)) {
                throw new PermanentJobException("Instance '" + name + "' already exists and was not made by this job");
            }
            context.log("The instance exists already: made by an earlier attempt of this job");
        } else {
            InstanceSpec spec = new InstanceSpec(name, request.image(), request.cpu(), request.memoryMiB(),
                    request.diskGiB(), request.cloudInit(), request.cloudInit() == null ? null : networkConfig, false);
            try {
                InstanceCreation created = lxd.create(spec);
                created.notes().forEach(context::log);
                if (created.imageFallbackUsed()) {
                    context.log("Image fallback: asked for " + created.requestedImage() + ", used "
                            + created.usedImage());
                }
            } catch (LxdAlreadyExistsException raced) {
                InstanceInfo found = lxd.get(name);
                if (!madeBy(found, context)) {
                    throw new PermanentJobException("Instance '" + name + "' was made by someone else meanwhile");
                }
            }
            lxd.patchConfig(name, Map.of(JOB_KEY, context.id()));
        }
        if (request.startAfterCreate()) {
            lxd.start(name);
        }
        return done(name, request.startAfterCreate() ? "created and started" : "created");
    }

    private JobResult delete(JobContext context, String name) {
        Optional<InstanceInfo> existing = lxd.find(name);
        if (existing.isEmpty()) {
            view.removed(name, view.stamp());
            return JobResult.ok("already gone");
        }
        if (existing.get().status() != InstanceStatus.STOPPED) {
            context.log("Stopping it first");
            lxd.stop(name, false, null);
        }
        lxd.delete(name);
        view.removed(name, view.stamp());
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

    private JobResult done(String name, String what) {
        view.refresh(name);
        return JobResult.ok(what);
    }

    private static boolean force(JobContext context) {
        return Boolean.TRUE.equals(context.payload().get("force"));
    }

    private static String text(Integer value) {
        return value == null ? "unchanged" : value.toString();
    }
}
