package io.axion.api.instance;

import io.axion.api.job.Job;

/** What became of a create: its job, or (when it asked to wait and no host had room) its place in the queue. */
public record CreateAdmission(Job job, QueuedCreate queued) {

    public static CreateAdmission started(Job job) {
        return new CreateAdmission(job, null);
    }

    public static CreateAdmission waiting(QueuedCreate queued) {
        return new CreateAdmission(null, queued);
    }
}
