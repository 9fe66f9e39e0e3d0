package io.axion.auth.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.axion.api.auth.AuthenticatedUser;
import io.axion.api.auth.Roles;
import io.axion.api.error.TooManyRequestsException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Two nodes over one store and one cluster act as one: accounts, tokens, revocations, tickets and throttle. */
class ClusterAuthTest {
    private static final Duration PROPAGATION = Duration.ofSeconds(1);

    @TempDir
    Path dirA;
    @TempDir
    Path dirB;
    AuthFixture nodeA;
    AuthFixture nodeB;
    final List<String> revokedOnB = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        nodeA = AuthFixture.withAdmin(dirA);
        nodeB = nodeA.secondNode(dirB);
        nodeB.auth.revocationListeners.add(revokedOnB::add);
    }

    @AfterEach
    void stop() {
        nodeB.close();
        nodeA.close();
    }

    @Test
    void bothNodesSignWithOneKeyAndTheSecondMadeNoAdmin() {
        String token = nodeA.login("admin", AuthFixture.ADMIN_PASSWORD);
        assertThat(nodeB.auth.authenticateBearer(token)).contains(new AuthenticatedUser("admin", "admin"));
        assertThat(nodeB.auth.users().list()).hasSize(1);
    }

    @Test
    void aUserMadeOnOneNodeLogsInAndIsKnownOnTheOther() {
        nodeA.auth.users().create("olivia", "operator-pass-1", Roles.OPERATOR);
        String token = nodeB.login("olivia", "operator-pass-1");
        await().atMost(PROPAGATION).until(() -> nodeB.auth.authenticateBearer(token).isPresent());
        assertThat(nodeA.auth.authenticateBearer(token)).contains(new AuthenticatedUser("olivia", "operator"));
    }

    @Test
    void aPasswordChangeOnOneNodeRevokesTheTokenOnTheOtherWithinASecond() {
        nodeA.auth.users().create("olivia", "operator-pass-1", Roles.OPERATOR);
        String token = nodeA.login("olivia", "operator-pass-1");
        await().atMost(PROPAGATION).until(() -> nodeB.auth.authenticateBearer(token).isPresent());
        String fresh = nodeA.auth.changePassword("olivia", "operator-pass-1", "operator-pass-2", "127.0.0.1").token();
        await().atMost(PROPAGATION).until(() -> nodeB.auth.authenticateBearer(token).isEmpty());
        await().atMost(PROPAGATION).until(() -> revokedOnB.contains("olivia"));
        assertThat(nodeB.auth.authenticateBearer(fresh)).isPresent();
    }

    @Test
    void aDeletionOnOneNodeRevokesOnTheOther() {
        nodeA.auth.users().create("vera", "viewer-pass-1", Roles.VIEWER);
        String token = nodeA.login("vera", "viewer-pass-1");
        await().atMost(PROPAGATION).until(() -> nodeB.auth.authenticateBearer(token).isPresent());
        nodeB.auth.users().delete("vera");
        await().atMost(PROPAGATION).until(() -> nodeA.auth.authenticateBearer(token).isEmpty());
    }

    @Test
    void aTicketFromOneNodeOpensOnceOnTheOther() {
        String ticket = nodeA.auth.issueTicket("admin").ticket();
        assertThat(nodeB.auth.redeemTicket(ticket)).contains(new AuthenticatedUser("admin", "admin"));
        assertThat(nodeA.auth.redeemTicket(ticket)).isEmpty();
    }

    @Test
    void failuresOnBothNodesAddUpToOneLock() {
        for (int i = 1; i <= 10; i++) {
            AuthFixture node = i % 2 == 0 ? nodeA : nodeB;
            String address = "10.0.0." + (i % 2);
            catchThrowable(() -> node.auth.login("admin", "wrong", address));
        }
        assertThat(catchThrowable(() -> nodeA.auth.login("admin", AuthFixture.ADMIN_PASSWORD, "10.0.0.9")))
                .isInstanceOf(TooManyRequestsException.class);
        assertThat(catchThrowable(() -> nodeB.auth.login("admin", AuthFixture.ADMIN_PASSWORD, "10.0.0.9")))
                .isInstanceOf(TooManyRequestsException.class);
    }
}
