package io.axion.hosts.internal;

import io.axion.api.cluster.ClusterMember;
import io.axion.api.cluster.ClusterService;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who owns which host, following Hazelcast's membership. The owner of each host is an entry of the shared map
 * {@value #OWNERS} (host to node name), changed only by compare-and-set, so two nodes can never both take a host:
 * <ul>
 * <li>the wanted owner is the host's home node while it is a ready member, else the ready member that rendezvous
 * hashing picks for the host (so survivors share a dead node's hosts without talking to each other);</li>
 * <li>a host whose owner is absent or gone is taken by its wanted owner, or by anyone once it has been orphaned
 * longer than {@link #ORPHAN_GRACE} (the wanted owner may be stuck);</li>
 * <li>an owner gives a host back to its home node once that node has been ready for the hand-back delay: it stops
 * the host's agents first and only then removes its entry.</li>
 * </ul>
 * Every method runs on the host service's single thread; the sweep runs every second and on membership events.
 */
final class Ownership {
    private static final Logger LOG = LoggerFactory.getLogger(Ownership.class);
    static final String OWNERS = "host-owners";
    static final String READY = "node-ready";
    static final Duration ORPHAN_GRACE = Duration.ofSeconds(3);

    /** Told of each host whose owner changed through this node. */
    interface Changes {
        void ownerChanged(String host);

        void nodeLeft(String node);
    }

    private final ClusterService cluster;
    private final String me;
    private final ConcurrentMap<String, String> owners;
    private final ConcurrentMap<String, String> ready;
    private final HostAgents agents;
    private final Consumer<HostRecord> acquire;
    private final Duration handBack;
    private final Clock clock;
    private final Changes changes;
    private final Map<String, Long> orphanedSince = new HashMap<>();
    private Set<String> lastMembers = Set.of();

    /**
     * @param acquire starts the agents of a host this node just took (through {@code agents})
     */
    Ownership(ClusterService cluster, HostAgents agents, Consumer<HostRecord> acquire, Duration handBack, Clock clock,
              Changes changes) {
        this.cluster = cluster;
        this.me = cluster.localNodeId();
        this.owners = cluster.sharedMap(OWNERS);
        this.ready = cluster.sharedMap(READY);
        this.agents = agents;
        this.acquire = acquire;
        this.handBack = handBack;
        this.clock = clock;
        this.changes = changes;
    }

    /** This node is ready to own hosts (its agents are registered). */
    void announceReady() {
        ready.put(me, Long.toString(clock.millis()));
    }

    /** Gives every host up and says this node is no longer ready (a graceful stop). */
    void withdraw() {
        ready.remove(me);
        for (String host : agents.owned()) {
            release(host);
        }
    }

    String ownerOf(String host) {
        return owners.get(host);
    }

    Set<String> liveMembers() {
        return cluster.members().stream().map(ClusterMember::name).collect(Collectors.toSet());
    }

    void sweep(Collection<HostRecord> records) {
        Set<String> live = liveMembers();
        announceLeavers(live);
        Set<String> candidates = live.stream().filter(ready::containsKey).collect(Collectors.toSet());
        long now = clock.millis();
        Set<String> known = records.stream().map(HostRecord::name).collect(Collectors.toSet());
        for (HostRecord host : records) {
            String owner = owners.get(host.name());
            String wanted = wanted(host, candidates);
            if (me.equals(owner)) {
                orphanedSince.remove(host.name());
                if (!agents.owns(host.name())) {
                    // Ours from before a restart of this node under the same name, or taken a moment ago.
                    acquire.accept(host);
                } else if (handBackDue(host, wanted, now)) {
                    LOG.info("Handing host {} back to its home node {}", host.name(), wanted);
                    release(host.name());
                }
            } else if (owner == null || !live.contains(owner)) {
                long since = orphanedSince.computeIfAbsent(host.name(), h -> now);
                if (agents.owns(host.name())) {
                    agents.released(host.name());
                }
                if (me.equals(wanted) || now - since >= ORPHAN_GRACE.toMillis()) {
                    take(host, owner);
                }
            } else {
                orphanedSince.remove(host.name());
                if (agents.owns(host.name())) {
                    LOG.warn("Host {} is owned by {} now: stopping its agents here", host.name(), owner);
                    agents.released(host.name());
                }
            }
        }
        for (String host : agents.owned()) {
            if (!known.contains(host)) {
                release(host);
                owners.remove(host);
            }
        }
        orphanedSince.keySet().retainAll(known);
    }

    private boolean handBackDue(HostRecord host, String wanted, long now) {
        if (host.home() == null || !host.home().equals(wanted) || me.equals(wanted)) {
            return false;
        }
        String readyAt = ready.get(wanted);
        return readyAt != null && now - Long.parseLong(readyAt) >= handBack.toMillis();
    }

    private void take(HostRecord host, String deadOwner) {
        boolean taken = deadOwner == null ? owners.putIfAbsent(host.name(), me) == null
                : owners.replace(host.name(), deadOwner, me);
        if (!taken) {
            return;
        }
        LOG.info("Took host {} over{}", host.name(), deadOwner == null ? "" : " from " + deadOwner);
        orphanedSince.remove(host.name());
        acquire.accept(host);
        changes.ownerChanged(host.name());
    }

    private void release(String host) {
        agents.released(host);
        owners.remove(host, me);
        changes.ownerChanged(host);
    }

    /** One survivor (the same for all of them, by rendezvous hashing) tells the cluster of each node that left. */
    private void announceLeavers(Set<String> live) {
        for (String gone : lastMembers) {
            if (!live.contains(gone) && me.equals(rendezvous("node:" + gone, live))) {
                changes.nodeLeft(gone);
            }
        }
        lastMembers = live;
    }

    static String wanted(HostRecord host, Set<String> candidates) {
        if (host.home() != null && candidates.contains(host.home())) {
            return host.home();
        }
        return rendezvous(host.name(), candidates);
    }

    /** The candidate with the highest hash of (key, candidate): every node computes the same one. */
    static String rendezvous(String key, Collection<String> candidates) {
        return candidates.stream().max(Comparator.comparingLong((String c) -> weight(key, c))
                .thenComparing(Comparator.naturalOrder())).orElse(null);
    }

    private static long weight(String key, String candidate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((key + "\u0000" + candidate).getBytes(StandardCharsets.UTF_8));
            long weight = 0;
            for (int i = 0; i < 8; i++) {
                weight = (weight << 8) | (digest[i] & 0xff);
            }
            return weight;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    static List<String> sorted(Collection<String> names) {
        return names.stream().sorted().toList();
    }
}
