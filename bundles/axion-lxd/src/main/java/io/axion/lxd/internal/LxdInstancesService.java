package io.axion.lxd.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.axion.api.lxd.InstanceCreation;
import io.axion.api.lxd.InstanceInfo;
import io.axion.api.lxd.InstanceSpec;
import io.axion.api.lxd.InstanceState;
import io.axion.api.lxd.InstanceStatus;
import io.axion.api.lxd.LxdInstances;
import io.axion.api.lxd.LxdNotFoundException;
import io.axion.api.lxd.LxdRefusedException;
import io.axion.api.lxd.LxdTimeoutException;
import org.eclipse.jetty.http.HttpMethod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Instances of Axion's LXD project: listing, lifecycle and configuration. */
public final class LxdInstancesService implements LxdInstances {
    private static final Logger LOG = LoggerFactory.getLogger(LxdInstancesService.class);

    private final LxdConnection lxd;
    private static final String ALLOWANCE = "limits.cpu.allowance";
    private final InstanceUpdater updater;
    private final InstanceCreator creator;
    public LxdInstancesService(LxdConnection lxd) {
        this.lxd = lxd;
        this.updater = new InstanceUpdater(lxd);
        this.creator = new InstanceCreator(lxd);
    }

    @Override
    public List<InstanceInfo> list() {
        var request = lxd.request(HttpMethod.GET, "/1.0/instances").param("recursion", "1");
        JsonNode instances = lxd.send(request, new Subject("Project", lxd.project()), "list instances").metadata();
        List<InstanceInfo> result = new ArrayList<>(instances.size());
        instances.forEach(i -> result.add(LxdJson.instance(i)));
        return result;
    }

    @Override
    public InstanceInfo get(String name) {
        return LxdJson.instance(lxd.get("/1.0/instances/" + name, Subject.instance(name), "read instance " + name).metadata());
    }

    @Override
    public Optional<InstanceInfo> find(String name) {
        try {
            return Optional.of(get(name));
        } catch (LxdNotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public InstanceCreation create(InstanceSpec spec) {
        InstanceCreation created = make(spec);
        return new InstanceCreation(get(spec.name()), created.requestedImage(), created.usedImage(), created.notes());
    }

    @Override
    public InstanceCreation make(InstanceSpec spec) {
        InstanceCreation created = creator.create(spec);
        if (spec.start()) {
            start(spec.name());
        }
        return created;
    }

    @Override
    public void copyFromProject(String name, String sourceProject) {
        var body = JsonNodeFactory.instance.objectNode();
        body.put("name", name);
        body.putObject("source").put("type", "copy").put("source", name).put("project", sourceProject);
        // LXD 5.0 resolves a cross-project copy's profiles in neither project unless they are named, and the copy
        // then has no root disk: name the source's profiles, and give it the source's root disk as its own.
        JsonNode source = lxd.send(lxd.requestIn(sourceProject, HttpMethod.GET, "/1.0/instances/" + name),
                Subject.instance(name), "read instance " + name + " in project " + sourceProject).metadata();
        body.set("profiles", source.path("profiles"));
        JsonNode root = source.path("expanded_devices").path("root");
        if (root.isObject()) {
            body.putObject("devices").set("root", root);
        }
        lxd.call(LxdConnection.withJson(lxd.request(HttpMethod.POST, "/1.0/instances"), body), Subject.instance(name),
                "copy instance " + name + " from project " + sourceProject, lxd.settings().createTimeout());
    }

    @Override
    public void start(String name) {
        try {
            changeState(name, "start", null, false, lxd.settings().operationTimeout());
        } catch (LxdRefusedException e) {
            InstanceStatus status = status(name);
            // A retried job may find the instance already running: that is success.
            if (status == InstanceStatus.RUNNING) {
                return;
            }
            // On a heavily loaded host LXD's start hook can time out ("forkstart ... exit status 1") although a
            // second attempt succeeds; a genuine fault fails twice and is reported.
            if (status != InstanceStatus.STOPPED || e.status() != 502) {
                throw e;
            }
            LOG.warn("Starting instance {} failed ({}); trying once more", name, e.lxdMessage());
            changeState(name, "start", null, false, lxd.settings().operationTimeout());
        }
    }

    @Override
    public void stop(String name, boolean force, Duration gracefulTimeout) {
        if (status(name) == InstanceStatus.STOPPED) {
            return;
        }
        if (!force) {
            Duration grace = gracefulTimeout == null ? lxd.settings().stopTimeout() : gracefulTimeout;
            try {
                changeState(name, "stop", grace, false, grace.plusSeconds(10));
                return;
            } catch (LxdRefusedException | LxdTimeoutException e) {
                LOG.info("Instance {} did not stop within {} s ({}); stopping it by force", name, grace.toSeconds(),
                        e.getMessage());
            }
        }
        try {
            changeState(name, "stop", null, true, lxd.settings().operationTimeout());
        } catch (LxdRefusedException e) {
            if (status(name) != InstanceStatus.STOPPED) {
                throw e;
            }
        }
    }

    @Override
    public void restart(String name, boolean force) {
        if (!force) {
            Duration grace = lxd.settings().stopTimeout();
            try {
                changeState(name, "restart", grace, false, grace.plus(lxd.settings().operationTimeout()));
                return;
            } catch (LxdRefusedException | LxdTimeoutException e) {
                LOG.info("Instance {} did not restart gracefully ({}); restarting it by force", name, e.getMessage());
            }
        }
        changeState(name, "restart", null, true, lxd.settings().operationTimeout());
    }

    @Override
    public void freeze(String name) {
        changeState(name, "freeze", null, false, lxd.settings().operationTimeout());
    }

    @Override
    public void unfreeze(String name) {
        changeState(name, "unfreeze", null, false, lxd.settings().operationTimeout());
    }

    @Override
    public void delete(String name) {
        Optional<InstanceInfo> instance = find(name);
        if (instance.isEmpty()) {
            return;
        }
        if (instance.get().status() != InstanceStatus.STOPPED) {
            stop(name, true, null);
        }
        try {
            lxd.call(lxd.request(HttpMethod.DELETE, "/1.0/instances/" + name), Subject.instance(name),
                    "delete instance " + name, lxd.settings().operationTimeout());
        } catch (LxdNotFoundException deletedMeanwhile) {
            LOG.debug("Instance {} was already deleted", name);
        }
    }

    @Override
    public void updateLimits(String name, Integer cpu, Integer memoryMiB) {
        if (cpu == null && memoryMiB == null) {
            return;
        }
        updater.update(name, "update instance " + name, definition -> {
            ObjectNode config = (ObjectNode) definition.get("config");
            if (cpu != null) {
                if (Sizes.allowanceCores(config.path(ALLOWANCE).asText(null)) != null) {
                    // Confined to a CPU set with its count as a time allowance (a shared HPC instance): the set
                    // stays its pool, the allowance carries the new count.
                    config.put(ALLOWANCE, Sizes.allowance(cpu));
                } else {
                    config.put("limits.cpu", Integer.toString(cpu));
                }
            }
            if (memoryMiB != null) {
                config.put("limits.memory", Sizes.memoryLimit(memoryMiB));
            }
        });
    }

    @Override
    public void patchConfig(String name, Map<String, String> changes) {
        updater.update(name, "update instance " + name, definition -> {
            ObjectNode config = (ObjectNode) definition.get("config");
            changes.forEach((key, value) -> {
                if (value == null) {
                    config.remove(key);
                } else {
                    config.put(key, value);
                }
            });
        });
    }

    @Override
    public InstanceState state(String name) {
        return LxdJson.state(lxd.get("/1.0/instances/" + name + "/state", Subject.instance(name),
                "read the state of instance " + name).metadata());
    }

    private InstanceStatus status(String name) {
        return get(name).status();
    }

    private void changeState(String name, String action, Duration gracefulTimeout, boolean force, Duration deadline) {
        ObjectNode body = JsonNodeFactory.instance.objectNode().put("action", action).put("force", force);
        // LXD's timeout is how long a graceful stop may take; -1 would wait forever.
        body.put("timeout", gracefulTimeout == null ? -1 : (int) Math.max(1, gracefulTimeout.toSeconds()));
        var request = LxdConnection.withJson(lxd.request(HttpMethod.PUT, "/1.0/instances/" + name + "/state"), body);
        lxd.call(request, Subject.instance(name), action + " instance " + name, deadline);
    }
}
