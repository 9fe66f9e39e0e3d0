package io.axion.jobs.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.axion.api.error.ConflictException;
import io.axion.api.error.NotFoundException;
import io.axion.api.error.ServiceUnavailableException;
import io.axion.api.job.JobHandler;
import io.axion.api.job.JobResult;
import io.axion.api.job.PermanentJobException;
import io.axion.api.job.TransientJobException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class SmallPartsTest {

    @Test
    void backoffDoublesWithinItsJitterAndStopsAtTheCap() {
        Duration initial = Duration.ofSeconds(1);
        Duration max = Duration.ofSeconds(10);
        assertThat(Backoff.delay(1, initial, max, 0.2, 0.5)).isEqualTo(Duration.ofSeconds(1));
        assertThat(Backoff.delay(2, initial, max, 0.2, 0.5)).isEqualTo(Duration.ofSeconds(2));
        assertThat(Backoff.delay(3, initial, max, 0.2, 0.5)).isEqualTo(Duration.ofSeconds(4));
        assertThat(Backoff.delay(1, initial, max, 0.2, 0.0)).isEqualTo(Duration.ofMillis(800));
        assertThat(Backoff.delay(1, initial, max, 0.2, 0.999_999)).isLessThanOrEqualTo(Duration.ofMillis(1200));
        assertThat(Backoff.delay(2, initial, max, 0.2, 0.0)).isEqualTo(Duration.ofMillis(1600));
        assertThat(Backoff.delay(40, initial, max, 0.0, 0.5)).isEqualTo(max);
        // The worst case of one attempt is still shorter than the best case of the next.
        for (int attempt = 1; attempt < 3; attempt++) {
            assertThat(Backoff.delay(attempt, initial, max, 0.2, 0.999_999))
                    .isLessThan(Backoff.delay(attempt + 1, initial, max, 0.2, 0.0));
        }
    }

    @Test
    void classifiesFailures() {
        assertThat(Failures.isTransient(new TransientJobException("x"))).isTrue();
        assertThat(Failures.isTransient(new ServiceUnavailableException("lxd", "down", null))).isTrue();
        assertThat(Failures.isTransient(new ConnectException("refused"))).isTrue();
        assertThat(Failures.isTransient(new TimeoutException())).isTrue();
        assertThat(Failures.isTransient(new UncheckedIOException(new IOException("reset")))).isTrue();
        assertThat(Failures.isTransient(new CompletionException(new ConnectException("refused")))).isTrue();
        assertThat(Failures.isTransient(new NotFoundException("instance", "x"))).isFalse();
        assertThat(Failures.isTransient(new ConflictException("name-taken", "x"))).isFalse();
        assertThat(Failures.isTransient(new PermanentJobException("x"))).isFalse();
        assertThat(Failures.isTransient(new io.axion.api.lxd.LxdRefusedException(false, 500, "start", "forkstart")))
                .isTrue();
        assertThat(Failures.isTransient(new io.axion.api.lxd.LxdRefusedException(true, 400, "update", "bad limits")))
                .isFalse();
        assertThat(Failures.isTransient(new IllegalStateException("bug"))).isFalse();

        assertThat(Failures.describe(new NotFoundException("instance", "web"))).isEqualTo("instance 'web' does not exist");
        assertThat(Failures.describe(new CompletionException(new ConnectException("refused"))))
                .isEqualTo("ConnectException: refused");
        assertThat(Failures.describe(new NullPointerException())).isEqualTo("NullPointerException");
    }

    @Test
    void readsHandlerTypesFromTheServiceProperty() {
        assertThat(HandlerRegistry.typesOf("a")).containsExactly("a");
        assertThat(HandlerRegistry.typesOf(new String[] {"a", "b"})).containsExactly("a", "b");
        assertThat(HandlerRegistry.typesOf(List.of("c"))).containsExactly("c");
        assertThat(HandlerRegistry.typesOf(null)).isEmpty();
    }

    @Test
    void theFirstHandlerOfATypeWinsUntilItLeaves() {
        HandlerRegistry registry = new HandlerRegistry();
        JobHandler first = ctx -> JobResult.ok();
        JobHandler second = ctx -> JobResult.ok();
        assertThat(registry.add("t", first)).isTrue();
        assertThat(registry.add("t", second)).isFalse();
        assertThat(registry.find("t")).isSameAs(first);
        registry.remove("t", first);
        assertThat(registry.find("t")).isSameAs(second);
        registry.remove("t", second);
        assertThat(registry.has("t")).isFalse();
    }

    @Test
    void logLinesAreSingleLinesWithTheirTime() {
        String line = JobLog.line(java.time.Instant.parse("2026-01-02T03:04:05Z"), "a\nb\r\nc");
        assertThat(line).isEqualTo("2026-01-02T03:04:05Z a b c\n");
    }
}
