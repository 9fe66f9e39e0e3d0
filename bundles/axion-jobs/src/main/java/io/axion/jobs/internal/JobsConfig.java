package io.axion.jobs.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Axion jobs", description = "The persisted job engine")
public @interface JobsConfig {

    @AttributeDefinition(description = "Worker threads: how many jobs (on different instances) run at once")
    int workers() default 8;

    @AttributeDefinition(description = "Lease of a running job and of its instance lock, in seconds; renewed while "
            + "the job runs. After a crash, the job runs again once its lease ran out")
    int leaseSeconds() default 30;

    @AttributeDefinition(description = "Attempts of a job whose enqueuer did not choose")
    int defaultMaxAttempts() default 5;

    @AttributeDefinition(description = "Delay before the first retry, in milliseconds; doubled for every retry")
    long backoffInitialMillis() default 1_000;

    @AttributeDefinition(description = "Longest delay between retries, in milliseconds")
    long backoffMaxMillis() default 300_000;

    @AttributeDefinition(description = "Random spread of retry delays, as a fraction (0.2 = plus or minus 20 %)")
    double backoffJitter() default 0.2;

    @AttributeDefinition(description = "When an instance's lock is held elsewhere, try again after this many ms")
    long lockRetryMillis() default 500;

    @AttributeDefinition(description = "How often to look for jobs whose lease expired, in seconds")
    int recoveryIntervalSeconds() default 15;

    @AttributeDefinition(description = "Finished jobs are deleted after this many hours")
    int pruneAfterHours() default 168;

    @AttributeDefinition(description = "How often to prune finished jobs, in minutes")
    int pruneIntervalMinutes() default 60;

    @AttributeDefinition(description = "On shutdown, how long running jobs may take to finish, in seconds")
    int shutdownGraceSeconds() default 10;
}
