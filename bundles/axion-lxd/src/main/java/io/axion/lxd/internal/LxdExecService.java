package io.axion.lxd.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.axion.api.lxd.ExecRequest;
import io.axion.api.lxd.ExecResult;
import io.axion.api.lxd.LxdExec;
import io.axion.api.lxd.TerminalListener;
import io.axion.api.lxd.TerminalSession;
import io.axion.api.lxd.TerminalSize;
import org.eclipse.jetty.http.HttpMethod;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Commands inside instances. Non-interactive ones run with LXD's output recording: the operation's result names
 * the stdout/stderr log files, which are read and then deleted. Interactive ones get a pty and two WebSockets.
 */
public final class LxdExecService implements LxdExec {
    private static final Logger LOG = LoggerFactory.getLogger(LxdExecService.class);

    private final LxdConnection lxd;
    /** Waits for interactive sessions' operations to end (one blocked thread per open terminal). */
    private final ExecutorService waiters = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "axion-lxd-terminal");
        t.setDaemon(true);
        return t;
    });
    public LxdExecService(LxdConnection lxd) {
        this.lxd = lxd;
    }
    public void close() {
        waiters.shutdownNow();
    }

    @Override
    public ExecResult run(String instance, ExecRequest exec, Duration timeout) {
        ObjectNode body = body(exec);
        body.put("interactive", false).put("wait-for-websocket", false).put("record-output", true);
        var request = LxdConnection.withJson(lxd.request(HttpMethod.POST, "/1.0/instances/" + instance + "/exec"), body);
        String action = "run " + exec.command().get(0) + " in " + instance;
        JsonNode operation = lxd.call(request, Subject.instance(instance), action,
                timeout == null ? lxd.settings().operationTimeout() : timeout);
        JsonNode result = operation.path("metadata");
        JsonNode output = result.path("output");
        String stdout = readAndDeleteLog(instance, output.path("1").asText(null));
        String stderr = readAndDeleteLog(instance, output.path("2").asText(null));
        return new ExecResult(result.path("return").asInt(-1), stdout, stderr);
    }

    @Override
    public TerminalSession openTerminal(String instance, ExecRequest exec, TerminalSize size, TerminalListener listener) {
        ObjectNode body = body(exec);
        body.put("interactive", true).put("wait-for-websocket", true).put("record-output", false)
                .put("width", size.cols()).put("height", size.rows());
        ((ObjectNode) body.get("environment")).put("TERM", exec.environment().getOrDefault("TERM", "xterm-256color"));
        var request = LxdConnection.withJson(lxd.request(HttpMethod.POST, "/1.0/instances/" + instance + "/exec"), body);
        String action = "open a terminal in " + instance;
        LxdResponse response = lxd.send(request, Subject.instance(instance), action);
        String operationId = response.operationId();
        JsonNode fds = response.metadata().path("metadata").path("fds");
        TerminalSessionImpl session = new TerminalSessionImpl(listener);
        try {
            String base = "/1.0/operations/" + operationId + "/websocket?secret=";
            session.attach(
                    lxd.connectWebSocket(base + fds.path("0").asText(), new TerminalDataSocket(session), action),
                    lxd.connectWebSocket(base + fds.path("control").asText(), new TerminalControlSocket(session), action));
        } catch (RuntimeException e) {
            lxd.operations().cancel(operationId);
            session.close();
            throw e;
        }
        waiters.execute(() -> awaitExit(instance, operationId, session));
        return session;
    }

    private void awaitExit(String instance, String operationId, TerminalSessionImpl session) {
        int exitCode = -1;
        try {
            // A terminal may stay open for days: wait in long polls without an overall deadline.
            JsonNode operation = lxd.operations().await(operationId, Duration.ofDays(365), Subject.instance(instance),
                    "terminal in " + instance);
            exitCode = operation.path("metadata").path("return").asInt(-1);
        } catch (RuntimeException e) {
            LOG.debug("Terminal operation {} in {} ended abnormally: {}", operationId, instance, e.getMessage());
            session.failed(e);
        }
        session.exited(exitCode);
    }

    private static ObjectNode body(ExecRequest exec) {
        ObjectNode body = LxdConnection.JSON.createObjectNode();
        exec.command().forEach(body.putArray("command")::add);
        ObjectNode environment = body.putObject("environment");
        exec.environment().forEach(environment::put);
        if (exec.cwd() != null) {
            body.put("cwd", exec.cwd());
        }
        if (exec.uid() != null) {
            body.put("user", exec.uid());
        }
        if (exec.gid() != null) {
            body.put("group", exec.gid());
        }
        return body;
    }

    /** Reads a recorded output log (up to the configured cap) and deletes it so that logs do not pile up. */
    private String readAndDeleteLog(String instance, String logUrl) {
        if (logUrl == null || logUrl.isBlank()) {
            return "";
        }
        String path = logUrl.split("\\?", 2)[0];
        String text;
        var response = lxd.stream(lxd.request(HttpMethod.GET, path), Subject.instance(instance), "read exec output");
        try (InputStream in = response.body()) {
            text = readCapped(in, lxd.settings().execOutputLimitBytes());
        } catch (IOException e) {
            throw lxd.failure("read exec output", e);
        }
        try {
            lxd.send(lxd.request(HttpMethod.DELETE, path), Subject.instance(instance), "delete exec output");
        } catch (RuntimeException e) {
            LOG.debug("Could not delete exec log {}: {}", path, e.getMessage());
        }
        return text;
    }

    static String readCapped(InputStream in, int limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            int keep = Math.min(n, limit - out.size());
            if (keep > 0) {
                out.write(buffer, 0, keep);
            }
            // Past the cap the rest is drained, not kept, so the connection can be reused.
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
