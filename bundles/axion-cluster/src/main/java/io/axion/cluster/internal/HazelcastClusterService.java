package io.axion.cluster.internal;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import io.axion.api.AxionConstants;
import io.axion.api.cluster.ClusterLock;
import io.axion.api.cluster.ClusterMember;
import io.axion.api.cluster.ClusterService;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Axion's cluster membership and leased locks on an embedded Hazelcast member. */
@Component(service = {ClusterService.class, HazelcastClusterService.class},
        configurationPid = AxionConstants.PID_CLUSTER, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = ClusterConfig.class)
public class HazelcastClusterService implements ClusterService {
    private static final Logger LOG = LoggerFactory.getLogger(HazelcastClusterService.class);
    private static final String LOCK_MAP = "axion-locks";
    private static final String SHARED_MAP_PREFIX = "axion-shared-";

    private HazelcastInstance hazelcast;
    private String nodeId;
    private IMap<String, String> locks;

    @Activate
    void activate(ClusterConfig config) {
        nodeId = config.nodeName().isBlank() ? hostName() : config.nodeName();
        long started = System.nanoTime();
        hazelcast = HazelcastMember.start(config, nodeId, getClass().getClassLoader());
        locks = hazelcast.getMap(LOCK_MAP);
        LOG.info("Cluster member {} up in {} ms on {}:{}; members {}", nodeId,
                (System.nanoTime() - started) / 1_000_000, config.bindAddress(),
                hazelcast.getCluster().getLocalMember().getAddress().getPort(), members().size());
    }

    @Deactivate
    void deactivate() {
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
        return hazelcast.getCluster().getMembers().stream()
                .map(m -> new ClusterMember(m.getUuid().toString(), m.getAddress().getHost() + ":"
                        + m.getAddress().getPort(), m.equals(local)))
                .toList();
    }

    @Override
    public Optional<ClusterLock> tryLock(String name, Duration wait, Duration lease) throws InterruptedException {
        String token = nodeId + "/" + UUID.randomUUID();
        long deadline = System.nanoTime() + wait.toNanos();
        long pauseMillis = 2;
        while (true) {
            if (locks.putIfAbsent(name, token, lease.toMillis(), TimeUnit.MILLISECONDS) == null) {
                return Optional.of(new LeasedMapLock(locks, name, token));
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

    @Override
    public ConcurrentMap<String, String> sharedMap(String name) {
        return hazelcast.getMap(SHARED_MAP_PREFIX + name);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "node-" + UUID.randomUUID().toString().substring(0, 8);
        }
    }
}
