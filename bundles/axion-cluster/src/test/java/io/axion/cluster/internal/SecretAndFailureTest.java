package io.axion.cluster.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.axion.api.cluster.ClusterMember;
import io.axion.api.cluster.MembershipListener;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Real Hazelcast members: the shared secret keeps others out, and a member that stops is seen leaving. */
class SecretAndFailureTest {

    @Test
    void aMemberWithoutTheSecretFormsAClusterOfItsOwn() {
        String cluster = "secret-" + UUID.randomUUID();
        HazelcastClusterService knows = start(cluster, "knows", "s3cret");
        HazelcastClusterService guesses = start(cluster, "guesses", "wrong");
        HazelcastClusterService alsoKnows = start(cluster, "also-knows", "s3cret");
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> knows.members().size() == 2);
            assertThat(knows.members()).extracting(ClusterMember::name).containsExactlyInAnyOrder("knows", "also-knows");
            assertThat(guesses.members()).extracting(ClusterMember::name).containsExactly("guesses");
        } finally {
            alsoKnows.deactivate();
            guesses.deactivate();
            knows.deactivate();
        }
    }

    @Test
    void theSecretChangesTheNameHazelcastSeesButNotWithoutOne() {
        assertThat(HazelcastMember.effectiveClusterName("axion", "")).isEqualTo("axion");
        assertThat(HazelcastMember.effectiveClusterName("axion", "s3cret")).startsWith("axion-").hasSize(6 + 22)
                .isEqualTo(HazelcastMember.effectiveClusterName("axion", "s3cret"))
                .isNotEqualTo(HazelcastMember.effectiveClusterName("axion", "s3cre7"));
    }

    @Test
    void membershipListenersHearJoinsAndLeaves() throws Exception {
        String cluster = "members-" + UUID.randomUUID();
        HazelcastClusterService stays = start(cluster, "stays", "");
        List<String> heard = new CopyOnWriteArrayList<>();
        try (AutoCloseable listening = stays.listen(new MembershipListener() {
            @Override
            public void memberJoined(ClusterMember member) {
                heard.add("joined " + member.name());
            }

            @Override
            public void memberLeft(ClusterMember member) {
                heard.add("left " + member.name());
            }
        })) {
            HazelcastClusterService goes = start(cluster, "goes", "");
            await().atMost(Duration.ofSeconds(30)).until(() -> heard.contains("joined goes"));
            goes.deactivate();
            await().atMost(Duration.ofSeconds(30)).until(() -> heard.contains("left goes"));
        } finally {
            stays.deactivate();
        }
    }

    @Test
    void aLockWhoseHolderLeftIsFreeBeforeItsLeaseRunsOut() throws Exception {
        String cluster = "locks-" + UUID.randomUUID();
        HazelcastClusterService stays = start(cluster, "stays", "");
        HazelcastClusterService goes = start(cluster, "goes", "");
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> stays.members().size() == 2);
            assertThat(goes.tryLock("instance:x", Duration.ZERO, Duration.ofMinutes(10))).isPresent();
            assertThat(stays.tryLock("instance:x", Duration.ZERO, Duration.ofMinutes(10))).isEmpty();
            goes.deactivate();
            await().atMost(Duration.ofSeconds(30)).until(() -> stays.members().size() == 1);
            assertThat(stays.tryLock("instance:x", Duration.ofSeconds(5), Duration.ofMinutes(10))).isPresent();
        } finally {
            stays.deactivate();
        }
    }

    private static HazelcastClusterService start(String cluster, String node, String secret) {
        HazelcastClusterService service = new HazelcastClusterService();
        service.activate(HazelcastClusterServiceTest.config(cluster, node, secret));
        return service;
    }
}
