package io.axion.hosts.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.axion.testing.InMemoryCluster;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class NodeOriginsComponentTest {

    @Test
    void theOriginsFollowWhatTheNodesPublish() throws Exception {
        InMemoryCluster node1 = new InMemoryCluster("node-1");
        InMemoryCluster node2 = new InMemoryCluster("node-2", node1.table());
        NodeOriginsComponent origins = new NodeOriginsComponent(node1);
        origins.activate();
        assertThat(origins.origins()).isEmpty();

        new NodeUrls(node1).publish("node-1", "http://127.0.0.1:8081");
        NodeUrls second = new NodeUrls(node2);
        second.publish("node-2", "HTTP://127.0.0.1:8082/");
        await().atMost(Duration.ofSeconds(1)).until(() -> origins.origins().size() == 2);
        assertThat(origins.origins()).containsExactlyInAnyOrder("http://127.0.0.1:8081", "http://127.0.0.1:8082");

        second.withdraw();
        await().atMost(Duration.ofSeconds(1)).until(() -> origins.origins().size() == 1);
        origins.deactivate();
    }

    @Test
    void onlyHttpUrlsGiveOrigins() {
        assertThat(NodeOriginsComponent.originOf("https://axion.example:8443/console")).isEqualTo(
                "https://axion.example:8443");
        assertThat(NodeOriginsComponent.originOf("http://[::1]:8080")).isEqualTo("http://[::1]:8080");
        assertThat(NodeOriginsComponent.originOf("ftp://x")).isNull();
        assertThat(NodeOriginsComponent.originOf("not a url")).isNull();
    }
}
