package io.axion.instances.internal;

import io.axion.api.instance.Instance;
import io.axion.api.instance.InstanceChange;
import io.axion.api.instance.PortForward;
import io.axion.api.lxd.InstanceInfo;
import io.axion.api.lxd.ProxyForward;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Consumer;

/**
 * The in-memory picture of LXD's instances that every read is served from.
 * <p>
 * Updates come from several threads (the event refresher, job workers, the periodic reconcile), each carrying a
 * <em>stamp</em>: a {@link Stamps} value taken <b>before</b> the LXD read it is based on. An update only wins over
 * what the view holds when its stamp is newer, so a slow listing started before an instance was created or deleted
 * cannot undo what a later single read saw. Deletions leave a tombstone with their stamp for the same reason.
 * Reads are lock-free (a sorted concurrent map); writes are serialised on this object, which is cheap: they are few.
 */
final class InstanceView {
    private static final int TOMBSTONE_LIMIT = 10_000;

    private record Entry(InstanceInfo info, Instance instance, long stamp) {
    }

    private final ConcurrentSkipListMap<String, Entry> entries = new ConcurrentSkipListMap<>();
    private final Map<String, Long> tombstones = new ConcurrentHashMap<>();
    private final String node;
    private final Consumer<InstanceChange> changes;
    private volatile boolean loaded;

    /**
     * @param node    the local cluster node id, shown as every instance's {@code node}
     * @param changes told of every change (called while the view's write lock is held: keep it short)
     */
    InstanceView(String node, Consumer<InstanceChange> changes) {
        this.node = node;
        this.changes = changes;
    }

    /** Whether one full listing has been applied since the view was made. */
    boolean loaded() {
        return loaded;
    }

    /** All instances, sorted by name, without usage. */
    List<Instance> list() {
        List<Instance> all = new ArrayList<>(entries.size());
        for (Entry entry : entries.values()) {
            all.add(entry.instance());
        }
        return all;
    }

    int size() {
        return entries.size();
    }

    Optional<Instance> find(String name) {
        Entry entry = entries.get(name);
        return entry == null ? Optional.empty() : Optional.of(entry.instance());
    }

    /** LXD's description as last seen (for the config of {@code GET /instances/{name}}). */
    Optional<InstanceInfo> info(String name) {
        Entry entry = entries.get(name);
        return entry == null ? Optional.empty() : Optional.of(entry.info());
    }

    /** One instance as LXD described it at {@code stamp}. */
    synchronized boolean put(InstanceInfo info, long stamp) {
        Long removedAt = tombstones.get(info.name());
        if (removedAt != null) {
            if (removedAt > stamp) {
                return false;
            }
            tombstones.remove(info.name());
        }
        Entry current = entries.get(info.name());
        if (current != null && current.stamp() > stamp) {
            return false;
        }
        Instance instance = toInstance(info, node);
        entries.put(info.name(), new Entry(info, instance, stamp));
        announce(current == null ? null : current.instance(), instance);
        return true;
    }

    /** LXD said at {@code stamp} that the instance does not exist. */
    synchronized boolean remove(String name, long stamp) {
        Entry current = entries.get(name);
        if (current != null && current.stamp() > stamp) {
            return false;
        }
        tombstones.merge(name, stamp, Math::max);
        if (tombstones.size() > TOMBSTONE_LIMIT) {
            pruneTombstones(stamp);
        }
        if (current == null) {
            return false;
        }
        entries.remove(name);
        changes.accept(new InstanceChange(InstanceChange.Kind.REMOVED, name, current.instance(), null));
        return true;
    }

    /**
     * A full listing taken at {@code stamp}: adds and updates what it holds, removes what it lacks, except where a
     * newer single update already knows better.
     */
    synchronized void replaceAll(Collection<InstanceInfo> all, long stamp) {
        Set<String> listed = new HashSet<>();
        for (InstanceInfo info : all) {
            listed.add(info.name());
            put(info, stamp);
        }
        for (String name : new ArrayList<>(entries.keySet())) {
            if (!listed.contains(name)) {
                remove(name, stamp);
            }
        }
        // Tombstones older than a full listing have served their purpose.
        pruneTombstones(stamp);
        loaded = true;
    }

    private void pruneTombstones(long olderThan) {
        tombstones.values().removeIf(removedAt -> removedAt < olderThan);
    }

    private void announce(Instance before, Instance after) {
        if (before == null) {
            changes.accept(new InstanceChange(InstanceChange.Kind.ADDED, after.name(), null, after));
        } else if (!before.equals(after)) {
            changes.accept(new InstanceChange(InstanceChange.Kind.UPDATED, after.name(), before, after));
        }
    }

    /** The public shape of an instance, without usage (added per read). */
    static Instance toInstance(InstanceInfo info, String node) {
        List<PortForward> forwards = new ArrayList<>(info.forwards().size());
        for (ProxyForward forward : info.forwards()) {
            forwards.add(new PortForward(forward.hostPort(), forward.containerPort(), forward.protocol().label()));
        }
        return new Instance(info.name(), Objects.requireNonNull(info.status()).label(), info.image(), info.cpu(),
                info.memoryMiB(), node, info.createdAt(), null, forwards);
    }

    /** Test helper: the stamps held, by name. */
    Map<String, Long> stamps() {
        Map<String, Long> stamps = new HashMap<>();
        entries.forEach((name, entry) -> stamps.put(name, entry.stamp()));
        return stamps;
    }
}
