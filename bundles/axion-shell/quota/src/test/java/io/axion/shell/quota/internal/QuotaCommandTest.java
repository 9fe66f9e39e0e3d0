package io.axion.shell.quota.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.axion.api.error.ValidationException;
import io.axion.api.quota.Quota;
import io.axion.api.quota.QuotaAmount;
import io.axion.api.quota.QuotaService;
import io.axion.api.quota.Reservation;
import io.axion.shell.testing.Fields;
import io.axion.shell.testing.Output;
import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.Test;

class QuotaCommandTest {

    /** A governor with 8 cores and 16 GiB; refuses limits above the host like the real one. */
    static class FakeQuota implements QuotaService {
        Quota now = new Quota(new QuotaAmount(8, 3, 8), new QuotaAmount(16384, 20000, 16384));

        @Override
        public Quota quota() {
            return now;
        }

        @Override
        public Quota setLimits(int cpu, long memoryMiB) {
            if (memoryMiB > now.memoryMiB().physical()) {
                throw new ValidationException("memoryMiB", "must be at most the physical memory (16384 MiB)");
            }
            now = new Quota(new QuotaAmount(cpu, now.cpu().allocated(), now.cpu().physical()),
                    new QuotaAmount(memoryMiB, now.memoryMiB().allocated(), now.memoryMiB().physical()));
            return now;
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
    }

    final FakeQuota service = new FakeQuota();

    QuotaCommand command(Integer cpu, Long memoryMiB, boolean admin) {
        QuotaCommand command = Fields.set(new QuotaCommand(), "quota", service);
        Fields.set(command, "cpu", cpu);
        Fields.set(command, "memoryMiB", memoryMiB);
        command.isAdmin = () -> admin;
        return command;
    }

    @Test
    void showsLimitsAllocationsAndWhatIsOver() throws Exception {
        String out = Output.of(command(null, null, false));
        assertThat(out).contains("RESOURCE", "LIMIT", "ALLOCATED", "AVAILABLE", "PHYSICAL", "cpu (cores)",
                "memory (MiB)", "16384", "20000", "over the limit");
        assertThat(out.lines().filter(l -> l.contains("cpu (cores)")).findFirst().orElseThrow())
                .contains("5").doesNotContain("over");
    }

    @Test
    void jsonIsTheRestShape() throws Exception {
        JsonNode json = new ObjectMapper().readTree(Output.of(Fields.set(command(null, null, false), "json", true)));
        assertThat(json.path("cpu").path("limit").asInt()).isEqualTo(8);
        assertThat(json.path("cpu").path("allocated").asInt()).isEqualTo(3);
        assertThat(json.path("memoryMiB").path("physical").asInt()).isEqualTo(16384);
        assertThat(json.path("cpu").has("available")).isFalse();
    }

    @Test
    void anAdminSetsBothLimits() throws Exception {
        assertThat(Output.of(command(4, 8192L, true))).contains("8192");
        assertThat(service.now.cpu().limit()).isEqualTo(4);
        assertThat(service.now.memoryMiB().limit()).isEqualTo(8192);
    }

    @Test
    void settingIsRefusedAsThePutRoute() {
        assertThatThrownBy(() -> Output.of(command(4, 8192L, false))).isInstanceOf(CommandException.class)
                .hasMessage("Error 403 (forbidden): Setting the quota needs the admin role");
        assertThatThrownBy(() -> Output.of(command(4, null, true)))
                .hasMessage("Error 422 (validation): memoryMiB: is required (MiB)");
        assertThatThrownBy(() -> Output.of(command(null, 100L, true)))
                .hasMessage("Error 422 (validation): cpu: is required (a whole number of cores)");
        assertThatThrownBy(() -> Output.of(command(4, 99999L, true)))
                .hasMessageStartingWith("Error 422 (validation): memoryMiB: must be at most");
        assertThat(service.now.cpu().limit()).isEqualTo(8);
    }
}
