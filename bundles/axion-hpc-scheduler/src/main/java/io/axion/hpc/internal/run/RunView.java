package io.axion.hpc.internal.run;

import java.time.Instant;
import java.util.List;

/**
 * A batch run as the API shows it.
 *
 * @param state {@code running}, {@code succeeded} (every member exited 0) or {@code failed}
 * @param node  the node whose process runs the execs (null for runs from before nodes were recorded)
 * @param cause why a run failed without its members' results: {@code node lost} when that node's process left the
 *              cluster or restarted mid-run; null otherwise
 */
public record RunView(String id, String gang, String state, List<String> command, Instant createdAt,
                      Instant finishedAt, List<MemberRun> members, String node, String cause) {
    public static final String RUNNING = "running";
    public static final String SUCCEEDED = "succeeded";
    public static final String FAILED = "failed";

    /**
     * One member's part.
     *
     * @param state    {@code running}, {@code exited}, {@code timed-out}, {@code error} (LXD could not run it) or
     *                 {@code lost} (the node running it was lost)
     * @param exitCode null until it exited (and when it timed out or could not run)
     * @param stdout   capped at {@value RunOutput#CAP_BYTES} bytes ({@code truncated} says so)
     */
    public record MemberRun(String name, String host, String state, Integer exitCode, String stdout, String stderr,
                            boolean truncated) {
        public boolean finished() {
            return !RUNNING.equals(state);
        }

        public boolean succeeded() {
            return "exited".equals(state) && exitCode != null && exitCode == 0;
        }
    }

    /** The run's state from its members': running while any runs, succeeded only when all exited 0. */
    public static String stateOf(List<MemberRun> members) {
        if (members.stream().anyMatch(m -> !m.finished())) {
            return RUNNING;
        }
        return members.stream().allMatch(MemberRun::succeeded) ? SUCCEEDED : FAILED;
    }
}
