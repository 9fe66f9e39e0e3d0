package io.axion.shell.hosts.internal;

import static io.axion.shell.hosts.internal.FakeHosts.T;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.axion.api.auth.AuditEntry;
import io.axion.api.auth.AuditEvent;
import io.axion.api.auth.AuditTrail;
import io.axion.api.host.ClusterOverview;
import io.axion.api.host.ClusterOverview.NodeView;
import io.axion.api.host.HostCapacity;
import io.axion.shell.testing.FakeCommandLine;
import io.axion.shell.testing.Fields;
import io.axion.shell.testing.Output;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterCommandsTest {
    final ObjectMapper mapper = new ObjectMapper();
    final FakeHosts hosts = new FakeHosts()
            .with("lxd-1", "node-a", new HostCapacity(8, 16384, 0), new HostCapacity(2, 1024, 2))
            .with("lxd-2", "node-b", HostCapacity.NONE, HostCapacity.NONE);
    final ClusterOverview overview = new ClusterOverview("node-a", "most-free-capacity", List.of(
            new NodeView("node-a", "127.0.0.1:5701", "http://127.0.0.1:8081", NodeView.UP, T, true,
                    List.of("lxd-1"), 3),
            new NodeView("node-b", "127.0.0.1:5702", null, NodeView.UP, null, false, List.of("lxd-2"), 0)),
            hosts.list());

    ClusterCommand cluster(boolean json) {
        ClusterCommand command = new ClusterCommand();
        command.overview = () -> overview;
        return Fields.set(command, "json", json);
    }

    static String line(String out, String containing) {
        return out.lines().filter(l -> l.contains(containing)).findFirst().orElseThrow();
    }

    @Test
    void clusterShowsTheNodesThenTheHosts() throws Exception {
        String out = Output.of(cluster(false));
        assertThat(out).contains("NAME", "ADDRESS", "URL", "STATE", "SINCE", "HOSTS", "JOBS", "LOCAL",
                "OWNER", "CPU", "MEMORY", "INSTANCES", "Placement: most-free-capacity");
        assertThat(line(out, "127.0.0.1:5701")).contains("node-a", "http://127.0.0.1:8081", "up",
                "2026-11-27T10:00:00Z", "lxd-1", "3", "*");
        assertThat(line(out, "127.0.0.1:5702")).contains("node-b", "lxd-2", "0").doesNotContain("*", "http");
        assertThat(out.indexOf("OWNER")).as("hosts after nodes").isGreaterThan(out.indexOf("127.0.0.1:5702"));
        assertThat(line(out, "online")).contains("lxd-1", "node-a", "2/8", "1024/16384 MiB", "2");
        assertThat(line(out, "/? MiB")).as("a capacity not read yet").contains("lxd-2", "0/?");
    }

    @Test
    void clusterJsonIsTheRestShape() throws Exception {
        JsonNode json = mapper.readTree(Output.of(cluster(true)));
        assertThat(names(json)).containsExactly("node", "placement", "nodes", "hosts");
        assertThat(json.path("node").asText()).isEqualTo("node-a");
        JsonNode node = json.path("nodes").get(0);
        assertThat(names(node))
                .containsExactly("name", "address", "state", "since", "local", "hosts", "jobsRunning", "url");
        assertThat(node.path("url").asText()).isEqualTo("http://127.0.0.1:8081");
        assertThat(node.path("jobsRunning").asLong()).isEqualTo(3);
        assertThat(node.path("since").asText()).isEqualTo("2026-11-27T10:00:00Z");
        assertThat(json.path("nodes").get(1).path("url").isNull()).isTrue();
        JsonNode host = json.path("hosts").get(0);
        assertThat(names(host)).containsExactly("name", "owner", "state", "since", "home", "capacity", "allocated");
        assertThat(host.path("allocated").path("instances").asInt()).isEqualTo(2);
    }

    @Test
    void hostsIsTheHostsTableOrTheRestListWithEndpoints() throws Exception {
        HostsCommand table = new HostsCommand();
        table.hosts = hosts;
        String out = Output.of(table);
        assertThat(out).contains("NAME", "OWNER", "STATE", "CPU", "MEMORY", "INSTANCES", "lxd-2")
                .doesNotContain("ADDRESS", "Placement");
        assertThat(line(out, "lxd-1")).contains("node-a", "online", "2/8", "1024/16384 MiB");

        HostsCommand list = Fields.set(new HostsCommand(), "json", true);
        list.hosts = hosts;
        JsonNode json = mapper.readTree(Output.of(list));
        assertThat(json).hasSize(2);
        assertThat(json.get(0).path("name").asText()).isEqualTo("lxd-1");
        assertThat(json.get(0).path("socket").asText()).isEqualTo("/run/lxd-1.socket");
        assertThat(json.get(0).path("project").asText()).isEqualTo("axion");
    }

    HostAddCommand add(String name) {
        HostAddCommand command = new HostAddCommand();
        command.admin = hosts;
        command.name = name;
        return command;
    }

    @Test
    void hostAddPassesTheEndpointAndThePemFiles(@TempDir Path dir) throws Exception {
        Path cert = Files.writeString(dir.resolve("client.crt"), "-----BEGIN CERTIFICATE-----\nMIIB\n");
        Path key = Files.writeString(dir.resolve("client.key"), "-----BEGIN PRIVATE KEY-----\nsecret\n");
        Path server = Files.writeString(dir.resolve("server.crt"), "-----BEGIN CERTIFICATE-----\nMIIC\n");
        HostAddCommand command = add("lxd-3");
        command.url = "https://10.0.0.3:8443";
        command.project = "axion";
        command.certificateFile = cert.toString();
        command.keyFile = key.toString();
        command.serverCertificateFile = server.toString();
        RecordingTrail trail = new RecordingTrail();
        Fields.set(command, "audit", trail);

        assertThat(Output.of(command)).isEqualTo("Host lxd-3 added: https://10.0.0.3:8443 project axion\n");
        assertThat(hosts.lastSpec.clientCertificate()).contains("MIIB");
        assertThat(hosts.lastSpec.clientKey()).contains("secret");
        assertThat(hosts.lastSpec.serverCertificate()).contains("MIIC");
        assertThat(hosts.find("lxd-3")).isPresent();
        assertThat(trail.events).singleElement().satisfies(e -> {
            assertThat(e.target()).isEqualTo("axion:host-add lxd-3 url=https://10.0.0.3:8443 project=axion");
            assertThat(e.status()).isEqualTo(200);
        });
    }

    @Test
    void hostAddJsonIsTheAddedHost() throws Exception {
        HostAddCommand command = Fields.set(add("lxd-3"), "json", true);
        command.socket = "/var/lib/lxd/unix.socket";
        command.project = "axion-3";
        JsonNode json = mapper.readTree(Output.of(command));
        assertThat(json.path("name").asText()).isEqualTo("lxd-3");
        assertThat(json.path("socket").asText()).isEqualTo("/var/lib/lxd/unix.socket");
        assertThat(json.path("state").asText()).isEqualTo("unowned");
        assertThat(json.has("clientKey")).isFalse();
    }

    @Test
    void hostAddRefusalsAreCommandErrors() {
        HostAddCommand noProject = add("lxd-3");
        noProject.url = "https://10.0.0.3:8443";
        assertThatThrownBy(() -> Output.of(noProject)).isInstanceOf(CommandException.class)
                .hasMessage("Error 422 (validation): project: is required");
        HostAddCommand taken = add("lxd-1");
        taken.socket = "/var/lib/lxd/unix.socket";
        taken.project = "axion";
        assertThatThrownBy(() -> Output.of(taken)).isInstanceOf(CommandException.class)
                .hasMessage("Error 409 (host-exists): Host 'lxd-1' already exists");
        HostAddCommand noKey = add("lxd-3");
        noKey.keyFile = "/no/such/key";
        assertThatThrownBy(() -> Output.of(noKey)).isInstanceOf(CommandException.class)
                .hasMessageStartingWith("Cannot read the key file /no/such/key");
        assertThat(hosts.find("lxd-3")).isEmpty();
    }

    HostRemoveCommand remove(String name) {
        HostRemoveCommand command = new HostRemoveCommand();
        command.admin = hosts;
        command.name = name;
        return command;
    }

    @Test
    void hostRemoveRemovesAnEmptyHostAndRefusesOneWithInstances() throws Exception {
        assertThatThrownBy(() -> Output.of(remove("lxd-1"))).isInstanceOf(CommandException.class)
                .hasMessage("Error 409 (host-in-use): Host 'lxd-1' still has 2 instance(s)");
        assertThat(hosts.find("lxd-1")).isPresent();
        assertThatThrownBy(() -> Output.of(remove("nope"))).isInstanceOf(CommandException.class)
                .hasMessage("Error 404 (not-found): Host 'nope' does not exist");

        assertThat(Output.of(remove("lxd-2"))).isEqualTo("Host lxd-2 removed\n");
        assertThat(hosts.find("lxd-2")).isEmpty();
    }

    @Test
    void hostRemoveJsonNamesTheRemovedHost() throws Exception {
        JsonNode json = mapper.readTree(Output.of(Fields.set(remove("lxd-2"), "json", true)));
        assertThat(json.path("name").asText()).isEqualTo("lxd-2");
        assertThat(json.path("removed").asBoolean()).isTrue();
    }

    @Test
    void completesHostNames() {
        HostNames completer = new HostNames();
        completer.hosts = hosts;
        List<String> candidates = new ArrayList<>();
        completer.complete(null, new FakeCommandLine("axion:host-remove", "lxd"), candidates);
        assertThat(candidates).extracting(String::trim).containsExactly("lxd-1", "lxd-2");
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    /** Keeps what the commands audit. */
    static final class RecordingTrail implements AuditTrail {
        final List<AuditEvent> events = new ArrayList<>();

        @Override
        public void record(AuditEvent event) {
            events.add(event);
        }

        @Override
        public List<AuditEntry> recent(int limit, String user) {
            return List.of();
        }
    }
}
