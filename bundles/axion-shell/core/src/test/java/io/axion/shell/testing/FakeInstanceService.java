package io.axion.shell.testing;

import io.axion.api.error.ConflictException;
import io.axion.api.error.NotFoundException;
import io.axion.api.error.ValidationException;
import io.axion.api.instance.CreateInstance;
import io.axion.api.instance.Instance;
import io.axion.api.instance.InstanceDetails;
import io.axion.api.instance.InstanceNames;
import io.axion.api.instance.InstanceService;
import io.axion.api.instance.PortForward;
import io.axion.api.instance.Resize;
import io.axion.api.instance.SnapshotSummary;
import io.axion.api.instance.Usage;
import io.axion.api.job.Job;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Instances in memory; every change queues a job in the given {@link FakeJobService}, as the real one does. */
public class FakeInstanceService implements InstanceService {
    private final FakeJobService jobs;
    private final Map<String, Instance> instances = new TreeMap<>();
    public CreateInstance lastCreate;
    public Resize lastResize;
    public Boolean lastForce;

    public FakeInstanceService(FakeJobService jobs) {
        this.jobs = jobs;
    }

    public FakeInstanceService with(String name, String status, Integer cpu, Long memoryMiB) {
        instances.put(name, new Instance(name, status, "axion/busybox", cpu, memoryMiB, "host-a", "node-a",
                Instant.parse("2026-11-27T09:00:00Z"), new Usage(12.5, 64L * 1024 * 1024),
                List.of(new PortForward(10080, 80, "tcp"))));
        return this;
    }

    @Override
    public List<Instance> list() {
        return List.copyOf(instances.values());
    }

    @Override
    public Optional<Instance> find(String name) {
        return Optional.ofNullable(instances.get(name));
    }

    @Override
    public InstanceDetails details(String name) {
        return InstanceDetails.of(get(name), Map.of("limits.cpu", "1", "image.os", "busybox"),
                List.of(new SnapshotSummary("before", Instant.parse("2026-11-27T09:30:00Z"), false)));
    }

    @Override
    public Job create(CreateInstance request) {
        lastCreate = request;
        InstanceNames.requireValid("name", request.name());
        if (request.image() == null) {
            throw new ValidationException("image", "is required (an LXD image alias or fingerprint)");
        }
        if (instances.containsKey(request.name())) {
            throw new ConflictException("instance-exists", "Instance '" + request.name() + "' already exists");
        }
        return jobs.enqueue("instance.create", request.name(), null);
    }

    @Override
    public io.axion.api.instance.CreateAdmission admit(CreateInstance request, String owner) {
        return io.axion.api.instance.CreateAdmission.started(create(request));
    }

    @Override
    public Job resize(String name, Resize request) {
        get(name);
        lastResize = request;
        if (request.cpu() == null && request.memoryMiB() == null) {
            throw new ValidationException("body", "a JSON object with cpu and/or memoryMiB is required");
        }
        return jobs.enqueue("instance.resize", name, null);
    }

    @Override
    public Job start(String name) {
        get(name);
        return jobs.enqueue("instance.start", name, null);
    }

    @Override
    public Job stop(String name, boolean force) {
        get(name);
        lastForce = force;
        return jobs.enqueue("instance.stop", name, null);
    }

    @Override
    public Job restart(String name, boolean force) {
        get(name);
        lastForce = force;
        return jobs.enqueue("instance.restart", name, null);
    }

    @Override
    public Job delete(String name) {
        get(name);
        return jobs.enqueue("instance.delete", name, null);
    }

    @Override
    public Job migrate(String name, String host) {
        get(name);
        return jobs.enqueue("instance.migrate", name, java.util.Map.of("target", host));
    }

    @Override
    public Instance get(String name) {
        return find(name).orElseThrow(() -> new NotFoundException("Instance", name));
    }
}
