package io.axion.instances.internal;

import io.axion.api.instance.Instance;
import io.axion.api.instance.InstanceChange;
import io.axion.api.instance.PortForward;
import io.axion.api.lxd.InstanceInfo;
import io.axion.api.lxd.ProxyForward;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import io.axion.api.tenant.TenantScope;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The in-memory picture of every host's instances that every read is served from, on every node.
 * <p>
 * Updates come from several threads (a host's event refresher, job workers, reconciles, the cluster's shared map),
 * each carrying a <em>stamp</em> ({@link Stamps}) taken <b>before</b> the LXD read it is based on. An update only
 * wins over what the view holds when its stamp is newer, so a slow listing started before an instance was created
 * or deleted cannot undo what a later single read saw; deletions leave a tombstone with their stamp for the same
 * reason. Each method returns the change it made, if any, so that the caller decides who hears of it. Reads are
 * lock-free (sorted concurrent maps); writes are serialised on this object, which is cheap: they are few.
 */
final class InstanceView {
    private static final int TOMBSTONE_LIMIT = 10_000;
    private static final Comparator<Key> ORDER = Comparator.comparing(Key::name).thenComparing(Key::host);

    /** An instance's identity: its name on its host. */
    record Key(String host, String name) {
        Key {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(name, "name");
        }
    }

    private record Entry(InstanceInfo info, Instance instance, long stamp) {
    }

    private final ConcurrentSkipListMap<Key, Entry> entries = new ConcurrentSkipListMap<>(ORDER);
    private final Map<Key, Long> tombstones = new ConcurrentHashMap<>();
    private final Set<String> listedHosts = ConcurrentHashMap.newKeySet();

    /** Whether a full listing of the host has been applied since the view was made. */
    boolean listed(String host) {
        return listedHosts.contains(host);
    }

    /** Waits at most {@code timeout} until every one of {@code hosts} has been listed once. */
    synchronized boolean awaitListed(Collection<String> hosts, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!listedHosts.containsAll(hosts)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    /** All instances, sorted by name (then host), without usage. */
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

    /** The instance of that name; when two hosts have one (made outside Axion), the first host's by name. */
    Optional<Instance> find(String name) {
        return first(name).map(Entry::instance);
    }

    Optional<Instance> find(String host, String name) {
        Entry entry = entries.get(new Key(host, name));
        return entry == null ? Optional.empty() : Optional.of(entry.instance());
    }

    /** LXD's description as last seen (for the config of {@code GET /instances/{name}}). */
    Optional<InstanceInfo> info(String name) {
        return first(name).map(Entry::info);
    }

    /** The stamp of what the view holds for an instance, or of its deletion; 0 when unknown. */
    long stampOf(Key key) {
        Entry entry = entries.get(key);
        if (entry != null) {
            return entry.stamp();
        }
        return tombstones.getOrDefault(key, 0L);
    }

    /** One instance as LXD described it at {@code stamp}. */
    synchronized Optional<InstanceChange> put(String host, InstanceInfo info, long stamp) {
        Key key = new Key(host, info.name());
        Long removedAt = tombstones.get(key);
        if (removedAt != null) {
            if (removedAt > stamp) {
                return Optional.empty();
            }
            tombstones.remove(key);
        }
        Entry current = entries.get(key);
        if (current != null && current.stamp() > stamp) {
            return Optional.empty();
        }
        Instance instance = toInstance(info, host);
        entries.put(key, new Entry(info, instance, stamp));
        if (current == null) {
            return Optional.of(new InstanceChange(InstanceChange.Kind.ADDED, info.name(), null, instance));
        }
        if (!current.instance().equals(instance) || !current.info().equals(info)) {
            return Optional.of(new InstanceChange(InstanceChange.Kind.UPDATED, info.name(), current.instance(),
                    instance));
        }
        return Optional.empty();
    }

    /** LXD said at {@code stamp} that the instance does not exist on the host. */
    synchronized Optional<InstanceChange> remove(String host, String name, long stamp) {
        Key key = new Key(host, name);
        Entry current = entries.get(key);
        if (current != null && current.stamp() > stamp) {
            return Optional.empty();
        }
        tombstones.merge(key, stamp, Math::max);
        if (tombstones.size() > TOMBSTONE_LIMIT) {
            pruneTombstones(host, stamp);
        }
        if (current == null) {
            return Optional.empty();
        }
        entries.remove(key);
        return Optional.of(new InstanceChange(InstanceChange.Kind.REMOVED, name, current.instance(), null));
    }

    /**
     * A full listing of one host taken at {@code stamp}: adds and updates what it holds, removes that host's
     * instances it lacks, except where a newer single update already knows better.
     */
    synchronized List<InstanceChange> replaceAll(String host, Collection<InstanceInfo> all, long stamp) {
        List<InstanceChange> changes = new ArrayList<>();
        Set<String> listed = new HashSet<>();
        for (InstanceInfo info : all) {
            listed.add(info.name());
            put(host, info, stamp).ifPresent(changes::add);
        }
        for (Key key : keysOf(host)) {
            if (!listed.contains(key.name())) {
                remove(host, key.name(), stamp).ifPresent(changes::add);
            }
        }
        // Tombstones older than a full listing have served their purpose.
        pruneTombstones(host, stamp);
        listedHosts.add(host);
        notifyAll();
        return changes;
    }

    /** A host was removed from the cluster: its instances leave the view. */
    synchronized List<InstanceChange> forgetHost(String host) {
        List<InstanceChange> changes = new ArrayList<>();
        for (Key key : keysOf(host)) {
            Entry gone = entries.remove(key);
            if (gone != null) {
                changes.add(new InstanceChange(InstanceChange.Kind.REMOVED, key.name(), gone.instance(), null));
            }
        }
        tombstones.keySet().removeIf(key -> key.host().equals(host));
        listedHosts.remove(host);
        return changes;
    }

    /** The hosts the view holds instances of. */
    Set<String> hosts() {
        Set<String> hosts = new HashSet<>();
        entries.keySet().forEach(key -> hosts.add(key.host()));
        return hosts;
    }

    private List<Key> keysOf(String host) {
        return entries.keySet().stream().filter(key -> key.host().equals(host)).toList();
    }

    private Optional<Entry> first(String name) {
        var match = entries.subMap(new Key("", name), true, new Key("\uffff", name), true).firstEntry();
        return match == null ? Optional.empty() : Optional.of(match.getValue());
    }

    private void pruneTombstones(String host, long olderThan) {
        tombstones.entrySet().removeIf(e -> e.getKey().host().equals(host) && e.getValue() < olderThan);
    }

    /** The public shape of an instance, without usage (added per read) and node (its host's owner, per read). */
    static Instance toInstance(InstanceInfo info, String host) {
        List<PortForward> forwards = new ArrayList<>(info.forwards().size());
        for (ProxyForward forward : info.forwards()) {
            forwards.add(new PortForward(forward.hostPort(), forward.containerPort(), forward.protocol().label()));
        }
        return new Instance(info.name(), Objects.requireNonNull(info.status()).label(), info.image(), info.cpu(),
                info.memoryMiB(), info.diskGiB(), host, null, info.createdAt(), null, forwards,
                info.config().get(TenantScope.INSTANCE_CONFIG_KEY));
    }

    /** Test helper: the stamps held, by host/name. */
    Map<String, Long> stamps() {
        Map<String, Long> stamps = new HashMap<>();
        entries.forEach((key, entry) -> stamps.put(key.host() + "/" + key.name(), entry.stamp()));
        return stamps;
    }
}
