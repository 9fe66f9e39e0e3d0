package io.axion.quota.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.axion.api.error.ValidationException;
import io.axion.api.quota.Quota;
import io.axion.api.quota.QuotaAmount;
import io.axion.api.quota.QuotaService;
import io.axion.api.quota.Reservation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class QuotaResourceTest {
    private final List<String> calls = new ArrayList<>();
    private final QuotaResource resource = new QuotaResource(new QuotaService() {
        @Override
        public Quota quota() {
            return new Quota(new QuotaAmount(2, 0, 2), new QuotaAmount(1024, 0, 1024));
        }

        @Override
        public Quota setLimits(int cpu, long memoryMiB) {
            calls.add(cpu + "/" + memoryMiB);
            return quota();
        }

        @Override
        public Reservation reserve(String instance, String host, int cpu, long memoryMiB) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void release(String instance) {
        }

        @Override
        public void settle(String instance) {
        }
    });

    @Test
    void putNeedsBothLimitsAndNamesTheMissingOne() {
        assertThatThrownBy(() -> resource.put(null)).isInstanceOf(ValidationException.class)
                .hasMessageStartingWith("body:");
        assertThatThrownBy(() -> resource.put(new QuotaResource.QuotaLimits(null, 10L))).hasMessageStartingWith("cpu:");
        assertThatThrownBy(() -> resource.put(new QuotaResource.QuotaLimits(1, null)))
                .hasMessageStartingWith("memoryMiB:");
        assertThat(calls).isEmpty();
        assertThat(resource.put(new QuotaResource.QuotaLimits(2, 512L)).cpu().limit()).isEqualTo(2);
        assertThat(calls).containsExactly("2/512");
    }
}
