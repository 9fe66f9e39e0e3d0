package io.axion.hpc.internal.run;

import io.axion.api.error.ConflictException;
import io.axion.api.error.NotFoundException;
import io.axion.api.error.ValidationException;
import io.axion.api.host.HostService;
import io.axion.api.lxd.ExecRequest;
import io.axion.api.lxd.ExecResult;
import io.axion.api.lxd.LxdTimeoutException;
import io.axion.api.store.Store;
import io.axion.api.tenant.TenantScope;
import io.axion.hpc.internal.gang.GangService;
import io.axion.hpc.internal.gang.GangView;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Batch runs: one command in every member of a gang at once, through each member's host's LXD exec (any node
 * reaches any host), like {@code srun}: the run succeeds only when every member exits 0. Runs on the node that was
 * asked; each member's exit code and capped output go to the store as it finishes, so every node can show it.
 */
@Component(service = GangRuns.class)
public class GangRuns {
    private static final Logger LOG = LoggerFactory.getLogger(GangRuns.class);
    private static final int PARALLEL = 32;

    @Reference
    private Store store;

    @Reference
    private GangService gangs;

    @Reference
    private HostService hosts;

    private RunStore runs;
    private ExecutorService workers;

    @Activate
    void activate() {
        runs = new RunStore(store, Clock.systemUTC());
        workers = Executors.newFixedThreadPool(PARALLEL, r -> {
            Thread thread = new Thread(r, "axion-hpc-run");
            thread.setDaemon(true);
            return thread;
        });
    }

    @Deactivate
    void deactivate() {
        workers.shutdownNow();
    }

    /**
     * Starts the command in every member; 409 unless every member is created (the gang is {@code running}). Another
     * tenant's gang is 404 before the body is even read, as a missing one, and nothing runs.
     */
    public RunView start(String gangName, RunRequest request, TenantScope scope) {
        GangView gang = gangs.get(gangName, scope);
        if (request == null) {
            throw new ValidationException("body", "a JSON object {command, env?, timeoutSeconds?} is required");
        }
        request.validate();
        if (!"running".equals(gang.state()) || gang.members().isEmpty()) {
            throw new ConflictException("gang-not-running", "Gang '" + gangName + "' is " + gang.state()
                    + ": runs need every member created");
        }
        List<String> argv = request.argv();
        Map<String, String> env = request.environment();
        Duration timeout = request.timeout();
        List<RunView.MemberRun> members = gang.members().stream()
                .map(m -> new RunView.MemberRun(m.name(), m.host(), RunView.RUNNING, null, null, null, false)).toList();
        RunView run = runs.add(UUID.randomUUID().toString(), gangName, argv, members);
        LOG.info("Run {} of gang {}: {} in {} members", run.id(), gangName, argv, members.size());
        for (RunView.MemberRun member : members) {
            workers.execute(() -> runs.finish(run.id(), exec(member, argv, env, timeout)));
        }
        return run;
    }

    private RunView.MemberRun exec(RunView.MemberRun member, List<String> argv, Map<String, String> env,
                                   Duration timeout) {
        try {
            ExecResult result = hosts.lxd(member.host()).exec().run(member.name(),
                    new ExecRequest(argv, env, null, null, null), timeout);
            boolean truncated = RunOutput.over(result.stdout()) || RunOutput.over(result.stderr());
            return new RunView.MemberRun(member.name(), member.host(), "exited", result.exitCode(),
                    RunOutput.cap(result.stdout()), RunOutput.cap(result.stderr()), truncated);
        } catch (LxdTimeoutException e) {
            return new RunView.MemberRun(member.name(), member.host(), "timed-out", null, "",
                    "killed after " + timeout.toSeconds() + " s", false);
        } catch (RuntimeException e) {
            LOG.warn("Run in {} failed: {}", member.name(), e.getMessage());
            return new RunView.MemberRun(member.name(), member.host(), "error", null, "",
                    RunOutput.cap(String.valueOf(e.getMessage())), false);
        }
    }

    /** The run; 404 for another tenant's gang (as for a missing one), then for a run not of this gang. */
    public RunView get(String gang, String id, TenantScope scope) {
        gangs.visible(gang, scope);
        return runs.find(id).filter(r -> r.gang().equals(gang))
                .orElseThrow(() -> new NotFoundException("Run", id));
    }

    public List<RunView> list(String gang, TenantScope scope) {
        gangs.visible(gang, scope);
        return runs.list(gang);
    }
}
