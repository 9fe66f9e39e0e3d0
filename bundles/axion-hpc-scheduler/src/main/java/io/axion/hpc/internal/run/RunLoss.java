package io.axion.hpc.internal.run;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * When a run is lost, and what a lost run becomes. The execs of a run live in the process of the node that started
 * it; when that process is gone, no one will ever write the members still running, so the run would stay
 * {@code running} forever. Pure (no store, no Hazelcast), so the decisions are tested alone.
 */
final class RunLoss {
    static final String NODE_LOST = "node lost";
    static final String LOST = "lost";

    /** Where a running run runs: the node's name and the member id of that node's process (new at each start). */
    record Owner(String runId, String node, String memberId) {
    }

    private RunLoss() {
    }

    /**
     * The runs whose process left the cluster: those of the member that left (its id, so that a node that came
     * back under the same name keeps the runs its new process started).
     */
    static List<String> ofMemberThatLeft(List<Owner> running, String leftMemberId) {
        return running.stream().filter(o -> o.memberId() != null && o.memberId().equals(leftMemberId))
                .map(Owner::runId).toList();
    }

    /**
     * At start-up: this node's runs from an earlier process (it crashed or was stopped mid-run). Other nodes' runs
     * are not judged here, as those nodes may simply not have joined yet; their leaving is told by Hazelcast.
     */
    static List<String> ofEarlierProcess(List<Owner> running, String localNode, String localMemberId) {
        return running.stream()
                .filter(o -> localNode.equals(o.node()) && !Objects.equals(o.memberId(), localMemberId))
                .map(Owner::runId).toList();
    }

    /** The run failed: its members still running are {@value #LOST} (with the cause in their stderr). */
    static RunView lose(RunView run, String cause, Instant now) {
        if (!RunView.RUNNING.equals(run.state())) {
            return run;
        }
        List<RunView.MemberRun> members = new ArrayList<>();
        for (RunView.MemberRun m : run.members()) {
            members.add(m.finished() ? m : new RunView.MemberRun(m.name(), m.host(), LOST, null, "", cause, false));
        }
        return new RunView(run.id(), run.gang(), RunView.FAILED, run.command(), run.createdAt(), now, members,
                run.node(), cause);
    }
}
