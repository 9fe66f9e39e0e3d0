package io.axion.shell.cluster.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.axion.api.cluster.ClusterLock;
import io.axion.api.cluster.ClusterMember;
import io.axion.api.cluster.ClusterService;
import io.axion.shell.testing.Fields;
import io.axion.shell.testing.Output;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ClusterMembersCommandTest {
    static final ClusterService TWO = new ClusterService() {
        @Override
        public String localNodeId() {
            return "node-a";
        }

        @Override
        public List<ClusterMember> members() {
            return List.of(new ClusterMember("node-a", "127.0.0.1:5701", true),
                    new ClusterMember("node-b", "127.0.0.1:5702", false));
        }

        @Override
        public Optional<ClusterLock> tryLock(String name, Duration wait, Duration lease) {
            return Optional.empty();
        }
    };

    @Test
    void tableMarksTheLocalMember() throws Exception {
        String out = Output.of(Fields.set(new ClusterMembersCommand(), "cluster", TWO));
        assertThat(out).contains("ID", "ADDRESS", "LOCAL", "node-a", "127.0.0.1:5702");
        assertThat(out.lines().filter(l -> l.contains("node-a")).findFirst().orElseThrow()).contains("*");
        assertThat(out.lines().filter(l -> l.contains("node-b")).findFirst().orElseThrow()).doesNotContain("*");
    }

    @Test
    void jsonIsTheListOfMembers() throws Exception {
        ClusterMembersCommand command = Fields.set(new ClusterMembersCommand(), "cluster", TWO);
        Fields.set(command, "json", true);
        JsonNode json = new ObjectMapper().readTree(Output.of(command));
        assertThat(json).hasSize(2);
        assertThat(json.get(0).path("id").asText()).isEqualTo("node-a");
        assertThat(json.get(0).path("address").asText()).isEqualTo("127.0.0.1:5701");
        assertThat(json.get(0).path("local").asBoolean()).isTrue();
    }
}
