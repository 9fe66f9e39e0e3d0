package io.axion.hpc.internal.run;

import io.axion.api.cluster.ClusterMember;
import io.axion.api.cluster.ClusterService;
import io.axion.api.cluster.MembershipListener;
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
 * <p>
 * A run whose node is lost is failed with the cause {@value RunLoss#NODE_LOST}: when Hazelcast says that node's
 * member left the cluster (every node hears it; the update is idempotent), and at start-up for this node's runs from
 * its earlier process (it crashed or stopped mid-run).
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

    @Reference
    private ClusterService cluster;

    private RunStore runs;
    private ExecutorService workers;
    private AutoCloseable membership;
    private String localNode;
    private String localMemberId;

    @Activate
    void activate() {
        runs = new RunStore(store, Clock.systemUTC());
        workers = Executors.newFixedThreadPool(PARALLEL, r -> {
            Thread thread = new Thread(r, "axion-hpc-run");
            thread.setDaemon(true);
            return thread;
        });
        localNode = cluster.localNodeId();
        localMemberId = cluster.members().stream().filter(ClusterMember::local).map(ClusterMember::id).findFirst()
                .orElse(localNode);
        try {
            membership = cluster.listen(new MembershipListener() {
                @Override
                public void memberJoined(ClusterMember member) {
                }

                @Override
                public void memberLeft(ClusterMember member) {
                    // On a cluster thread: the store work goes elsewhere.
                    workers.execute(() -> lose(RunLoss.ofMemberThatLeft(runs.running(), member.id()),
                            "node " + member.name() + " left the cluster"));
                }
            });
        } catch (UnsupportedOperationException single) {
            LOG.debug("No membership events here: only this node's own restarts fail its lost runs");
        }
        lose(RunLoss.ofEarlierProcess(runs.running(), localNode, localMemberId),
                "node " + localNode + " restarted");
    }

    @Deactivate
    void deactivate() throws Exception {
        if (membership != null) {
            membership.close();
        }
        workers.shutdownNow();
    }

    private void lose(List<String> lost, String why) {
        for (String id : lost) {
            try {
                runs.lose(id, RunLoss.NODE_LOST);
                LOG.warn("Run {} failed: {} ({})", id, RunLoss.NODE_LOST, why);
            } catch (RuntimeException e) {
                LOG.warn("Run {} could not be marked lost: {}", id, e.getMessage());
            }
        }
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
        RunView run = runs.add(UUID.randomUUID().toString(), gangName, argv, members, localNode, localMemberId);
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
