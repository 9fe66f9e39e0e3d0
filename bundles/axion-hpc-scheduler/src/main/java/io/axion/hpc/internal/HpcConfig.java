package io.axion.hpc.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the HPC scheduler (PID {@code io.axion.hpc}); etc/io.axion.hpc.cfg layers AXION_* on top. */
@ObjectClassDefinition(name = "Axion HPC scheduler", description = "Pinned cores, NUMA fit and GPUs")
public @interface HpcConfig {
    String PID = "io.axion.hpc";

    @AttributeDefinition(required = false, description = "Simulated topologies (AXION_HPC_SIMULATE): "
            + "HOST:numa=N:gpus=M, comma separated, * for every host. Decisions use them; pins name real CPUs")
    String simulate() default "";

    @AttributeDefinition(description = "How long a host's topology read from LXD is reused, seconds")
    int topologySeconds() default 300;

    @AttributeDefinition(description = "How often a node looks at the create queue for entries that fit now, seconds")
    int queueSeconds() default 1;
}
