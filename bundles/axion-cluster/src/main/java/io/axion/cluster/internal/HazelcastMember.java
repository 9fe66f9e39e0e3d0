package io.axion.cluster.internal;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import java.util.Arrays;
import java.util.List;

/** Builds and starts the Hazelcast member from Axion's configuration. */
final class HazelcastMember {

    private HazelcastMember() {
    }

    static HazelcastInstance start(ClusterConfig settings, String nodeName, ClassLoader classLoader) {
        Config config = new Config();
        config.setClusterName(settings.clusterName());
        config.setInstanceName("axion-" + nodeName + "-" + settings.clusterName());
        config.setClassLoader(classLoader);
        // Without this Hazelcast binds every interface even when one interface is configured.
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.shutdownhook.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.getJetConfig().setEnabled(false);

        NetworkConfig network = config.getNetworkConfig();
        network.setPort(settings.port()).setPortAutoIncrement(true);
        network.getInterfaces().setEnabled(true).addInterface(settings.bindAddress());
        network.getRestApiConfig().setEnabled(false);

        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(parseMembers(settings.members()));
        return Hazelcast.newHazelcastInstance(config);
    }

    static List<String> parseMembers(String members) {
        return Arrays.stream(members.split("[,\\s]+")).map(String::trim).filter(m -> !m.isEmpty()).toList();
    }
}
