package io.axion.hpc.internal.gang;

import java.time.Instant;
import java.util.List;

/**
 * A gang as the API shows it.
 *
 * @param tenant the tenant it was made in, where its members are
 * @param state  {@code queued} (waiting for room), {@code creating}, {@code running} (every member created),
 *               {@code failed} (a member's create failed: the others were removed), {@code deleting}
 * @param jobId  the job creating (or deleting) the members
 * @param reason why it failed
 */
public record GangView(String name, String owner, String tenant, String state, int count, String spread,
                       GangRequest.Template template, String jobId, String reason, Instant createdAt,
                       List<Member> members) {

    /**
     * @param state the instance's state (RUNNING, STOPPED...), or {@code absent} while it is not (yet) created
     * @param cpus  its dedicated CPU set, or null for a shared member
     */
    public record Member(String name, int index, String host, String state, String cpus, List<String> gpus) {
    }
}
