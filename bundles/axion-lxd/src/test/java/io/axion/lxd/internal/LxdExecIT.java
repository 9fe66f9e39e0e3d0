package io.axion.lxd.internal;

import io.axion.api.lxd.ExecRequest;
import io.axion.api.lxd.ExecResult;
import io.axion.api.lxd.LxdTimeoutException;
import io.axion.api.lxd.TerminalListener;
import io.axion.api.lxd.TerminalSession;
import io.axion.api.lxd.TerminalSize;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LxdExecIT extends LxdProjectSupport {
    private static final Logger LOG = LoggerFactory.getLogger(LxdExecIT.class);

    @Test
    void runsACommandAndReturnsItsOutputAndExitCode() {
        String name = runningBusybox("exec");
        var exec = new LxdExecService(lxd);
        long t0 = System.nanoTime();
        ExecResult result = exec.run(name, new ExecRequest(List.of("sh", "-c", "echo out $GREETING; echo err >&2; pwd; exit 3"),
                Map.of("GREETING", "hi"), "/tmp", null, null), null);
        LOG.info("exec with recorded output took {} ms", (System.nanoTime() - t0) / 1_000_000);
        assertThat(result.exitCode()).isEqualTo(3);
        assertThat(result.stdout()).isEqualTo("out hi\n/tmp\n");
        assertThat(result.stderr()).isEqualTo("err\n");

        ExecResult asUser = exec.run(name, new ExecRequest(List.of("id", "-u"), Map.of(), null, 1234, 1234), null);
        assertThat(asUser.stdout().trim()).isEqualTo("1234");

        // The recorded output logs were read and deleted.
        var logs = lxd.get("/1.0/instances/" + name + "/logs", Subject.instance(name), "list logs").metadata();
        logs.forEach(log -> assertThat(log.asText()).doesNotContain("exec_"));

        assertThatThrownBy(() -> exec.run(name, ExecRequest.of("sleep", "30"), Duration.ofSeconds(1)))
                .isInstanceOf(LxdTimeoutException.class);
    }

    @Test
    void interactiveShellAnswersATypedCommand() throws Exception {
        String name = runningBusybox("tty");
        var exec = new LxdExecService(lxd);
        Collector output = new Collector();
        long t0 = System.nanoTime();
        TerminalSession session = exec.openTerminal(name, ExecRequest.of("/bin/sh"), new TerminalSize(80, 24), output);
        try {
            session.resize(new TerminalSize(120, 40));
            session.write("stty size; echo $((6*7))\n".getBytes(StandardCharsets.UTF_8));
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> output.text().contains("42"));
            LOG.info("interactive: open + answer in {} ms", (System.nanoTime() - t0) / 1_000_000);
            assertThat(output.text()).contains("40 120");
            session.write("exit 5\n".getBytes(StandardCharsets.UTF_8));
            assertThat(session.exitCode().get(10, TimeUnit.SECONDS)).isEqualTo(5);
            assertThat(output.exitCode.get()).isEqualTo(5);
        } finally {
            session.close();
        }

        // Closing a session whose program still runs hangs it up.
        TerminalSession second = exec.openTerminal(name, ExecRequest.of("/bin/sh"), new TerminalSize(80, 24), new Collector());
        second.close();
        assertThat(second.exitCode().get(10, TimeUnit.SECONDS)).isNotZero();
    }

    /** Collects terminal output. */
    static final class Collector implements TerminalListener {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final AtomicInteger exitCode = new AtomicInteger(Integer.MIN_VALUE);

        @Override
        public synchronized void onOutput(byte[] chunk) {
            bytes.writeBytes(chunk);
        }

        @Override
        public void onExit(int code) {
            exitCode.set(code);
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
