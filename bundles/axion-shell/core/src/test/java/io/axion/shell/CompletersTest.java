package io.axion.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.axion.shell.testing.FakeCommandLine;
import io.axion.shell.testing.FakeInstanceService;
import io.axion.shell.testing.FakeJobService;
import io.axion.shell.testing.Fields;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CompletersTest {

    static class Names extends InstanceNamesCompleter {
    }

    @Test
    void instanceNamesComeFromTheServiceAndNothingWithoutIt() {
        FakeInstanceService instances = new FakeInstanceService(new FakeJobService())
                .with("web", "Running", 1, 256L).with("db", "Stopped", 2, 512L).with("worker", "Running", 1, 128L);
        Names completer = Fields.set(new Names(), "instances", instances);
        List<String> candidates = new ArrayList<>();
        completer.complete(null, new FakeCommandLine("axion:instance-start", "w"), candidates);
        assertThat(candidates).extracting(String::trim).containsExactlyInAnyOrder("web", "worker");

        candidates.clear();
        new Names().complete(null, new FakeCommandLine("axion:instance-start", "w"), candidates);
        assertThat(candidates).isEmpty();
    }

    @Test
    void aFailingServiceCompletesNothing() {
        NamesCompleter failing = new NamesCompleter() {
            @Override
            protected java.util.Collection<String> names(org.apache.karaf.shell.api.console.CommandLine line) {
                throw new IllegalStateException("LXD unreachable");
            }
        };
        List<String> candidates = new ArrayList<>();
        assertThat(failing.complete(null, new FakeCommandLine("axion:instance-start", ""), candidates)).isEqualTo(-1);
        assertThat(candidates).isEmpty();
    }

    @Test
    void argumentsBeforeTheCursorSkipOptionsAndTheirValues() {
        assertThat(CommandLines.argumentsBeforeCursor(
                new FakeCommandLine("axion:snapshot-restore", "--wait", "--timeout", "30", "web", "bef"),
                Set.of("--timeout"))).containsExactly("web");
        assertThat(CommandLines.argumentsBeforeCursor(new FakeCommandLine("axion:snapshot-restore", "we"),
                Set.of("--timeout"))).isEmpty();
        assertThat(CommandLines.argumentsBeforeCursor(
                new FakeCommandLine("axion:forward-add", "-p", "udp", "web", "10080", ""), Set.of("-p")))
                .containsExactly("web", "10080");
    }
}
