package io.axion.lxd.internal;

import io.axion.api.lxd.ExecRequest;
import io.axion.api.lxd.InstanceSpec;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The Debian image with systemd and cloud-init: user-data runs at first boot. */
class LxdCloudInitIT extends LxdProjectSupport {
    private static final Logger LOG = LoggerFactory.getLogger(LxdCloudInitIT.class);

    @Test
    void userDataWritesAFile() {
        String name = uniqueName("cloud");
        String userData = """
                #cloud-config
                write_files:
                  - path: /root/axion-cloud-init
                    content: "written by cloud-init\\n"
                runcmd:
                  - [sh, -c, "echo ran > /root/axion-runcmd"]
                """;
        long t0 = System.nanoTime();
        var created = instances.create(InstanceSpec.of(name, DEBIAN).withLimits(1, 512)
                .withCloudInit(userData, "config: disabled"));
        long t1 = System.nanoTime();
        assertThat(lxd.get("/1.0/instances/" + name, Subject.instance(name), "read back").metadata()
                .path("config").path("cloud-init.user-data").asText()).isEqualTo(userData);
        assertThat(created.instance().config()).containsEntry("cloud-init.network-config", "config: disabled");

        var exec = new LxdExecService(lxd);
        var status = exec.run(name, ExecRequest.of("cloud-init", "status", "--wait"), Duration.ofSeconds(120));
        long t2 = System.nanoTime();
        LOG.info("debian create+start {} ms, cloud-init done {} ms later: {}", (t1 - t0) / 1_000_000,
                (t2 - t1) / 1_000_000, status.stdout().trim());
        assertThat(status.stdout()).contains("status: done");
        assertThat(exec.run(name, ExecRequest.of("cat", "/root/axion-cloud-init", "/root/axion-runcmd"), null).stdout())
                .isEqualTo("written by cloud-init\nran\n");
    }
}
