package io.axion.jobs.internal;

import io.axion.api.job.Job;
import io.axion.api.job.JobContext;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

final class AttemptContext implements JobContext {
    private final Job job;
    private final PayloadCodec payloads;
    private final Consumer<String> log;
    private final BooleanSupplier stop;

    AttemptContext(Job job, PayloadCodec payloads, Consumer<String> log, BooleanSupplier stop) {
        this.job = job;
        this.payloads = payloads;
        this.log = log;
        this.stop = stop;
    }

    @Override
    public Job job() {
        return job;
    }

    @Override
    public <T> T payload(Class<T> type) {
        return payloads.convert(job.payload(), type);
    }

    @Override
    public void log(String message) {
        log.accept(message);
    }

    @Override
    public boolean stopRequested() {
        return stop.getAsBoolean();
    }
}
