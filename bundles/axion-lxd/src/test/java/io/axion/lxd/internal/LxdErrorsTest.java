package io.axion.lxd.internal;

import io.axion.api.error.ConflictException;
import io.axion.api.error.NotFoundException;
import io.axion.api.error.ServiceUnavailableException;
import io.axion.api.lxd.LxdAlreadyExistsException;
import io.axion.api.lxd.LxdNotFoundException;
import io.axion.api.lxd.LxdRefusedException;
import io.axion.api.lxd.LxdUnreachableException;
import org.junit.jupiter.api.Test;

import java.io.EOFException;
import java.net.ConnectException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.TimeoutException;

import static org.assertj.core.api.Assertions.assertThat;

class LxdErrorsTest {
    private static final Subject WEB = Subject.instance("web-1");

    @Test
    void notFoundIs404() {
        RuntimeException e = LxdErrors.fromResponse(404, "Instance not found", WEB, "read instance web-1");
        assertThat(e).isInstanceOf(LxdNotFoundException.class).isInstanceOf(NotFoundException.class);
        assertThat(((LxdNotFoundException) e).status()).isEqualTo(404);
        assertThat(e.getMessage()).contains("Instance 'web-1'");
    }

    @Test
    void alreadyExistsIs409WhetherByStatusOrByOperationText() {
        assertThat(LxdErrors.fromResponse(409, "exists", WEB, "create")).isInstanceOf(LxdAlreadyExistsException.class);
        RuntimeException op = LxdErrors.fromOperation(400,
                "Failed creating instance record: Add instance info to the database: This \"instances\" entry already exists",
                WEB, "create");
        assertThat(op).isInstanceOf(LxdAlreadyExistsException.class).isInstanceOf(ConflictException.class);
        assertThat(((ConflictException) op).status()).isEqualTo(409);
    }

    @Test
    void lxdRejectionsAre422AndFailuresAre502WithLxdsText() {
        var rejected = (LxdRefusedException) LxdErrors.fromResponse(400, "Invalid value for limits.cpu", WEB, "update web-1");
        assertThat(rejected.status()).isEqualTo(422);
        assertThat(rejected.slug()).isEqualTo("lxd-refused");
        assertThat(rejected.lxdMessage()).isEqualTo("Invalid value for limits.cpu");
        assertThat(rejected.detail()).isEqualTo("update web-1: Invalid value for limits.cpu");

        var failed = (LxdRefusedException) LxdErrors.fromResponse(500, "boom", WEB, "start web-1");
        assertThat(failed.status()).isEqualTo(502);
        assertThat(failed.slug()).isEqualTo("lxd-failed");

        var busy = (LxdRefusedException) LxdErrors.fromResponse(400,
                "Failed to create instance restore operation: Instance is busy running a \"stop\" operation", WEB, "restore");
        assertThat(busy.status()).as("busy is LXD's state, not the caller's mistake: retried").isEqualTo(502);

        var operation = (LxdRefusedException) LxdErrors.fromOperation(400, "Failed to run: forkstart", WEB, "start web-1");
        assertThat(operation.status()).isEqualTo(502);
        assertThat(operation.lxdMessage()).isEqualTo("Failed to run: forkstart");
    }

    @Test
    void staleConnectionsAreToldApartFromAnAbsentLxd() {
        assertThat(LxdConnection.staleConnection(new RuntimeException(new EOFException()))).isTrue();
        assertThat(LxdConnection.staleConnection(new java.io.IOException("Broken pipe"))).isTrue();
        assertThat(LxdConnection.staleConnection(new ConnectException("Connection refused"))).isFalse();
        assertThat(LxdConnection.staleConnection(new NoSuchFileException("/var/lib/lxd/unix.socket"))).isFalse();
    }

    @Test
    void forbiddenMeansAxionIsNotTrusted() {
        RuntimeException e = LxdErrors.fromResponse(403, "not authorized", WEB, "list instances");
        assertThat(e).isInstanceOf(LxdUnreachableException.class);
        assertThat(((LxdUnreachableException) e).status()).isEqualTo(503);
    }

    @Test
    void etagMismatchIsAConflict() {
        var e = (ConflictException) LxdErrors.fromResponse(412, "ETag doesn't match", WEB, "update web-1");
        assertThat(e.slug()).isEqualTo("changed-concurrently");
    }

    @Test
    void transportFailuresMeanUnreachable() {
        assertThat(LxdErrors.isUnreachable(new ConnectException("refused"))).isTrue();
        assertThat(LxdErrors.isUnreachable(new RuntimeException(new NoSuchFileException("/var/lib/lxd/unix.socket")))).isTrue();
        assertThat(LxdErrors.isUnreachable(new EOFException())).isTrue();
        assertThat(LxdErrors.isUnreachable(new TimeoutException())).isTrue();
        assertThat(LxdErrors.isUnreachable(new IllegalStateException("bug"))).isFalse();
        LxdUnreachableException e = LxdErrors.unreachable("list instances", new ConnectException("refused"));
        assertThat(e).isInstanceOf(ServiceUnavailableException.class);
        assertThat(e.status()).isEqualTo(503);
        assertThat(e.slug()).isEqualTo("lxd-unreachable");
        assertThat(e.getMessage()).contains("list instances").contains("refused");
    }

    @Test
    void aStoppingDaemonIsUnreachableWhateverItsStatus() {
        // Seen while `kill -TERM` stopped LXD 5.0 under 20 running jobs: a 503 for new requests, a closed database
        // for the rest, and the same texts in operations that were running.
        for (RuntimeException e : new RuntimeException[] {
                LxdErrors.fromResponse(503, "LXD is shutting down", WEB, "update instance web-1"),
                LxdErrors.fromResponse(500, "Failed to begin transaction: sql: database is closed", WEB, "read instance web-1"),
                LxdErrors.fromOperation(400, "LXD is shutting down", WEB, "create instance web-1")}) {
            assertThat(e).isInstanceOf(LxdUnreachableException.class);
            assertThat(((LxdUnreachableException) e).status()).isEqualTo(503);
            assertThat(e.getMessage()).startsWith("LXD is stopping (");
        }
    }

    @Test
    void aForgottenOperationMeansLxdRestarted() {
        LxdUnreachableException e = LxdErrors.operationLost("start instance web-1", "0c6f");
        assertThat(e.status()).isEqualTo(503);
        assertThat(e.getMessage()).contains("0c6f").contains("start instance web-1").contains("restarted");
    }
}
