package io.axion.instances.internal;

import io.axion.api.host.HostEndpoint;
import io.axion.api.host.HostService;
import io.axion.api.instance.InstanceJobTypes;
import io.axion.api.job.JobContext;
import io.axion.api.job.JobHandler;
import io.axion.api.job.JobResult;
import io.axion.api.job.PermanentJobException;
import io.axion.api.lxd.InstanceInfo;
import io.axion.api.lxd.InstanceStatus;
import io.axion.api.lxd.LxdInstances;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Moves an instance to another host: stop it (when it runs), copy it to the target, check the copy, start the copy
 * when the original ran, and only then delete the original. Any failure before the last step leaves the original
 * as it was (started again if it ran) and removes the half-made copy, so a failed move changes nothing. Every step
 * is safe to repeat: a repeated attempt finds the copy it made (marked with the job's id) and goes on from there.
 * <p>
 * Hosts that are projects of one LXD server are copied with LXD's own cross-project copy (config, devices, and so
 * the port forwards, and snapshots come along).
 */
@Component(service = JobHandler.class, property = JobHandler.TYPE_PROPERTY + "=" + InstanceJobTypes.MIGRATE)
public class MigrateJobHandler implements JobHandler {
    static final String MARK = "user.axion.migrated-by";
    static final String WAS_RUNNING = "user.axion.migrate-was-running";

    @Reference
    private HostService hosts;

    @Reference
    private InstanceViewComponent view;

    public MigrateJobHandler() {
    }

    MigrateJobHandler(HostService hosts, InstanceViewComponent view) {
        this.hosts = hosts;
        this.view = view;
    }

    @Override
    public JobResult process(JobContext context) {
        String name = context.instance();
        String source = context.host();
        String target = (String) context.payload().get("target");
        if (source == null || target == null) {
            throw new PermanentJobException("A migration names its source and target hosts");
        }
        HostEndpoint from = hosts.get(source).endpoint();
        HostEndpoint to = hosts.get(target).endpoint();
        if (!sameServer(from, to)) {
            throw new PermanentJobException("Host " + source + " and host " + target + " are different LXD servers:"
                    + " moving between servers needs a backup transfer, which this node does not have");
        }
        LxdInstances origin = hosts.lxd(source).instances();
        LxdInstances destination = hosts.lxd(target).instances();
        Optional<InstanceInfo> original = origin.find(name);
        Optional<InstanceInfo> copy = destination.find(name);
        if (original.isEmpty()) {
            if (copy.isPresent() && context.id().equals(copy.get().config().get(MARK))) {
                return done(source, target, name, "already moved by an earlier attempt");
            }
            throw new PermanentJobException("Instance '" + name + "' is not on host " + source);
        }
        if (copy.isPresent() && !context.id().equals(copy.get().config().get(MARK))) {
            throw new PermanentJobException("Host " + target + " already has an instance '" + name + "'");
        }
        boolean wasRunning = original.get().status() == InstanceStatus.RUNNING
                || "true".equals(original.get().config().get(WAS_RUNNING));
        try {
            if (original.get().status() != InstanceStatus.STOPPED) {
                context.log("Stopping it on " + source);
                origin.patchConfig(name, Map.of(WAS_RUNNING, "true"));
                origin.stop(name, false, null);
            }
            if (copy.isEmpty()) {
                context.log("Copying it to " + target);
                destination.copyFromProject(name, from.project());
                destination.patchConfig(name, Map.of(MARK, context.id()));
            }
            InstanceInfo made = destination.get(name);
            if (!Objects.equals(made.cpu(), original.get().cpu())
                    || !Objects.equals(made.memoryMiB(), original.get().memoryMiB())) {
                throw new PermanentJobException("The copy on " + target + " does not match the original");
            }
            Map<String, String> cleared = new java.util.HashMap<>();
            cleared.put(WAS_RUNNING, null);
            destination.patchConfig(name, cleared);
            if (wasRunning) {
                context.log("Starting it on " + target);
                destination.start(name);
            }
        } catch (RuntimeException e) {
            undo(context, origin, destination, name, wasRunning);
            throw e;
        }
        long stamp = view.stamp();
        origin.delete(name);
        view.removed(source, name, stamp);
        return done(source, target, name, "moved from " + source + " to " + target);
    }

    /** Puts everything back as it was: the copy removed, the original started again when it ran. */
    private void undo(JobContext context, LxdInstances origin, LxdInstances destination, String name,
                      boolean wasRunning) {
        try {
            Optional<InstanceInfo> copy = destination.find(name);
            if (copy.isPresent() && context.id().equals(copy.get().config().get(MARK))) {
                destination.delete(name);
            }
            if (wasRunning) {
                origin.start(name);
            }
            Map<String, String> cleared = new java.util.HashMap<>();
            cleared.put(WAS_RUNNING, null);
            origin.patchConfig(name, cleared);
            context.log("The move failed; the instance stays where it was");
        } catch (RuntimeException e) {
            context.log("Undoing the failed move did not finish (" + e.getMessage() + "); the job runs again");
        }
    }

    private JobResult done(String source, String target, String name, String what) {
        view.refresh(target, name);
        view.refresh(source, name);
        return JobResult.ok(what);
    }

    /** Whether two hosts are projects of one LXD server (the same socket, or the same URL). */
    static boolean sameServer(HostEndpoint a, HostEndpoint b) {
        if (a.remote() != b.remote()) {
            return false;
        }
        return a.remote() ? a.url().equals(b.url()) : Objects.equals(a.socket(), b.socket());
    }
}
