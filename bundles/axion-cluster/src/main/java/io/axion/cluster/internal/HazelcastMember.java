package io.axion.cluster.internal;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Builds and starts the Hazelcast member from Axion's configuration. */
final class HazelcastMember {
    /** The member attribute carrying the node's name, which stays the same across restarts (its id does not). */
    static final String NODE_ATTRIBUTE = "axion.node";

    private HazelcastMember() {
    }

    static HazelcastInstance start(ClusterConfig settings, String nodeName, ClassLoader classLoader) {
        Config config = new Config();
        config.setClusterName(effectiveClusterName(settings.clusterName(), settings.secret()));
        config.setInstanceName("axion-" + nodeName + "-" + settings.clusterName());
        config.setClassLoader(classLoader);
        config.getMemberAttributeConfig().setAttribute(NODE_ATTRIBUTE, nodeName);
        // Without this Hazelcast binds every interface even when one interface is configured.
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        // Failure detection: a member silent for failureTimeoutSeconds is gone, and its hosts move. Heartbeats each
        // second keep a live but busy member from being taken for dead.
        int timeout = Math.max(2, settings.failureTimeoutSeconds());
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", Integer.toString(timeout));
        // A stopping node hands its partitions over, but need not wait minutes for a peer that is gone too.
        config.setProperty("hazelcast.graceful.shutdown.max.wait", "20");
        config.getJetConfig().setEnabled(false);

        NetworkConfig network = config.getNetworkConfig();
        network.setPort(settings.port()).setPortAutoIncrement(true);
        network.getInterfaces().setEnabled(true).addInterface(settings.bindAddress());
        network.getRestApiConfig().setEnabled(false);
        network.getMemcacheProtocolConfig().setEnabled(false);

        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(parseMembers(settings.members()));
        return Hazelcast.newHazelcastInstance(config);
    }

    static List<String> parseMembers(String members) {
        return Arrays.stream(members.split("[,\\s]+")).map(String::trim).filter(m -> !m.isEmpty()).toList();
    }

    /**
     * Hazelcast's open-source member admits any member (and client) that names the cluster. With a secret, the name
     * it is given is the configured name plus an HMAC of it under the secret: a member that does not know the secret
     * cannot compute it, and Hazelcast refuses its join. (The name does travel in clear in join messages: the secret
     * keeps out members that do not know it, not someone who can read the cluster's traffic; README says so.)
     */
    static String effectiveClusterName(String clusterName, String secret) {
        if (secret == null || secret.isBlank()) {
            return clusterName;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] tag = mac.doFinal(clusterName.getBytes(StandardCharsets.UTF_8));
            return clusterName + "-" + Base64.getUrlEncoder().withoutPadding().encodeToString(tag).substring(0, 22);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
