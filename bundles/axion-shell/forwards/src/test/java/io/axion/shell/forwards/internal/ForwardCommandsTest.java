package io.axion.shell.forwards.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.axion.api.error.ConflictException;
import io.axion.api.error.NotFoundException;
import io.axion.api.error.ValidationException;
import io.axion.api.network.Forward;
import io.axion.api.network.ForwardRequest;
import io.axion.api.network.ForwardService;
import io.axion.shell.testing.FakeCommandLine;
import io.axion.shell.testing.Fields;
import io.axion.shell.testing.Output;
import java.util.ArrayList;
import java.util.List;
import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.Test;

class ForwardCommandsTest {

    /** Forwards of instance "web", checked a little like the real service. */
    final ForwardService forwards = new ForwardService() {
        final List<Forward> web = new ArrayList<>(List.of(new Forward(10080, 80, "tcp")));

        @Override
        public List<Forward> list(String instance) {
            if (!"web".equals(instance)) {
                throw new NotFoundException("Instance", instance);
            }
            return List.copyOf(web);
        }

        @Override
        public Forward add(String instance, ForwardRequest request) {
            list(instance);
            if (request.hostPort() == null) {
                throw new ValidationException("hostPort", "is required");
            }
            if (web.stream().anyMatch(f -> f.hostPort() == request.hostPort())) {
                throw new ConflictException("port-taken", "Host port " + request.hostPort() + " is forwarded already");
            }
            Forward added = new Forward(request.hostPort(), request.containerPort(),
                    request.protocol() == null ? "tcp" : request.protocol());
            web.add(added);
            return added;
        }

        @Override
        public void remove(String instance, int hostPort) {
            if (!web.removeIf(f -> f.hostPort() == hostPort)) {
                throw new NotFoundException("Forward", Integer.toString(hostPort));
            }
        }
    };

    <T> T command(T command, String instance) {
        Fields.set(command, "forwards", forwards);
        return Fields.set(command, "instance", instance);
    }

    ForwardAddCommand add(Integer host, Integer container, String protocol) {
        ForwardAddCommand add = command(new ForwardAddCommand(), "web");
        Fields.set(add, "hostPort", host);
        Fields.set(add, "containerPort", container);
        return Fields.set(add, "protocol", protocol);
    }

    @Test
    void listAddRemove() throws Exception {
        assertThat(Output.of(command(new ForwardListCommand(), "web"))).contains("HOST PORT", "CONTAINER PORT",
                "PROTOCOL", "10080", "80", "tcp");
        assertThat(Output.of(add(10053, 53, "udp"))).isEqualTo("Forward 10053 -> web:53/udp added\n");
        JsonNode json = new ObjectMapper().readTree(
                Output.of(Fields.set(command(new ForwardListCommand(), "web"), "json", true)));
        assertThat(json).hasSize(2);
        assertThat(json.get(1).path("hostPort").asInt()).isEqualTo(10053);
        assertThat(json.get(1).path("containerPort").asInt()).isEqualTo(53);
        assertThat(json.get(1).path("protocol").asText()).isEqualTo("udp");

        assertThat(Output.of(Fields.set(command(new ForwardRemoveCommand(), "web"), "hostPort", "10053")))
                .isEqualTo("Forward 10053 of web removed\n");
        assertThat(forwards.list("web")).hasSize(1);
    }

    @Test
    void refusalsAreCommandErrors() {
        assertThatThrownBy(() -> Output.of(add(10080, 8080, null))).isInstanceOf(CommandException.class)
                .hasMessageStartingWith("Error 409 (port-taken)");
        assertThatThrownBy(() -> Output.of(add(null, null, null)))
                .hasMessage("Error 422 (validation): hostPort: is required");
        assertThatThrownBy(() -> Output.of(Fields.set(command(new ForwardRemoveCommand(), "web"), "hostPort", "http")))
                .hasMessage("Error 422 (validation): hostPort: must be a port number");
        assertThatThrownBy(() -> Output.of(Fields.set(command(new ForwardRemoveCommand(), "web"), "hostPort", "1")))
                .hasMessageStartingWith("Error 404");
    }

    @Test
    void completesTheHostPortsOfTheInstance() {
        HostPorts completer = Fields.set(new HostPorts(), "forwards", forwards);
        List<String> candidates = new ArrayList<>();
        completer.complete(null, new FakeCommandLine("axion:forward-remove", "web", ""), candidates);
        assertThat(candidates).extracting(String::trim).containsExactly("10080");
    }
}
