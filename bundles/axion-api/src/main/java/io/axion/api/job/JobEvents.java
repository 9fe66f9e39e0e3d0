package io.axion.api.job;

/**
 * Events of the job engine on the event bus: every state change is published on channel
 * {@link io.axion.api.event.EventChannels#JOBS} with type {@link #JOB_UPDATED} and the job's
 * {@link Job#toJson()} as data.
 */
public final class JobEvents {
    public static final String JOB_UPDATED = "job-updated";

    private JobEvents() {
    }
}
