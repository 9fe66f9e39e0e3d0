package io.axion.cluster.internal;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.axion.api.AxionConstants;
import io.axion.api.cluster.ClusterLock;
import io.axion.api.cluster.ClusterMember;
import io.axion.api.cluster.ClusterService;
import io.axion.api.cluster.MembershipListener;
import io.axion.api.cluster.SharedMapListener;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Axion's cluster membership, leased locks and shared maps on an embedded Hazelcast member. */
@Component(service = {ClusterService.class, HazelcastClusterService.class},
        configurationPid = AxionConstants.PID_CLUSTER, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = ClusterConfig.class)
public class HazelcastClusterService implements ClusterService {
    private static final Logger LOG = LoggerFactory.getLogger(HazelcastClusterService.class);
    private static final String LOCK_MAP = "axion-locks";
    private static final String SHARED_MAP_PREFIX = "axion-shared-";

    /** When this member first saw each member, by Hazelcast id. */
    private final Map<UUID, Instant> firstSeen = new ConcurrentHashMap<>();
    private HazelcastInstance hazelcast;
    private String nodeId;
    private IMap<String, String> locks;
    private UUID seenRegistration;

    @Activate
    void activate(ClusterConfig config) {
        nodeId = config.nodeName().isBlank() ? hostName() : config.nodeName();
        long started = System.nanoTime();
        hazelcast = HazelcastMember.start(config, nodeId, getClass().getClassLoader());
        locks = hazelcast.getMap(LOCK_MAP);
        Instant now = Instant.now();
        hazelcast.getCluster().getMembers().forEach(m -> firstSeen.putIfAbsent(m.getUuid(), now));
        seenRegistration = hazelcast.getCluster().addMembershipListener(new com.hazelcast.cluster.MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                firstSeen.putIfAbsent(event.getMember().getUuid(), Instant.now());
                LOG.info("Cluster member {} joined at {}", nodeName(event.getMember()), event.getMember().getAddress());
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                LOG.info("Cluster member {} left", nodeName(event.getMember()));
            }
        });
        LOG.info("Cluster member {} up in {} ms on {}:{}; members {}", nodeId,
                (System.nanoTime() - started) / 1_000_000, config.bindAddress(),
                hazelcast.getCluster().getLocalMember().getAddress().getPort(), members().size());
    }

    @Deactivate
    void deactivate() {
        hazelcast.getCluster().removeMembershipListener(seenRegistration);
        hazelcast.shutdown();
    }

    HazelcastInstance hazelcast() {
        return hazelcast;
    }

    @Override
    public String localNodeId() {
        return nodeId;
    }

    @Override
    public List<ClusterMember> members() {
        Member local = hazelcast.getCluster().getLocalMember();
        return hazelcast.getCluster().getMembers().stream().map(m -> toMember(m, m.equals(local))).toList();
    }

    @Override
    public Optional<ClusterLock> tryLock(String name, Duration wait, Duration lease) throws InterruptedException {
        String token = nodeId + "/" + UUID.randomUUID();
        long deadline = System.nanoTime() + wait.toNanos();
        long pauseMillis = 2;
        while (true) {
            String held = locks.putIfAbsent(name, token, lease.toMillis(), TimeUnit.MILLISECONDS);
            if (held == null) {
                return Optional.of(new LeasedMapLock(locks, name, token));
            }
            if (heldByDeparted(held)) {
                // Its holder left the cluster (killed, say): the lease promised nothing any more.
                locks.remove(name, held);
                continue;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return Optional.empty();
            }
            // Back off up to 50 ms: contention is per instance and short, so this stays cheap and responsive.
            TimeUnit.MILLISECONDS.sleep(Math.min(pauseMillis, TimeUnit.NANOSECONDS.toMillis(left) + 1));
            pauseMillis = Math.min(50, pauseMillis * 2);
        }
    }

    /** A lock's value is {@code <node>/<random>}: whether that node is no longer a member. */
    private boolean heldByDeparted(String token) {
        int slash = token.lastIndexOf('/');
        String holder = slash < 0 ? token : token.substring(0, slash);
        return hazelcast.getCluster().getMembers().stream().noneMatch(m -> holder.equals(nodeName(m)));
    }

    @Override
    public ConcurrentMap<String, String> sharedMap(String name) {
        return hazelcast.getMap(SHARED_MAP_PREFIX + name);
    }

    @Override
    public AutoCloseable listen(String name, SharedMapListener listener) {
        IMap<String, String> map = hazelcast.getMap(SHARED_MAP_PREFIX + name);
        UUID registration = map.addEntryListener(new SharedMapEvents(listener), true);
        return () -> map.removeEntryListener(registration);
    }

    @Override
    public AutoCloseable listen(MembershipListener listener) {
        Member local = hazelcast.getCluster().getLocalMember();
        UUID registration = hazelcast.getCluster().addMembershipListener(new com.hazelcast.cluster.MembershipListener() {
            @Override
            public void memberAdded(MembershipEvent event) {
                firstSeen.putIfAbsent(event.getMember().getUuid(), Instant.now());
                listener.memberJoined(toMember(event.getMember(), event.getMember().equals(local)));
            }

            @Override
            public void memberRemoved(MembershipEvent event) {
                listener.memberLeft(toMember(event.getMember(), false));
                firstSeen.remove(event.getMember().getUuid());
            }
        });
        return () -> hazelcast.getCluster().removeMembershipListener(registration);
    }

    private ClusterMember toMember(Member member, boolean local) {
        return new ClusterMember(member.getUuid().toString(), nodeName(member),
                member.getAddress().getHost() + ":" + member.getAddress().getPort(), local,
                firstSeen.get(member.getUuid()));
    }

    private static String nodeName(Member member) {
        String name = member.getAttribute(HazelcastMember.NODE_ATTRIBUTE);
        return name != null ? name : member.getUuid().toString();
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "node-" + UUID.randomUUID().toString().substring(0, 8);
        }
    }
}
