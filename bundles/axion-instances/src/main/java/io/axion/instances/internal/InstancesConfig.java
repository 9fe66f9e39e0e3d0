package io.axion.instances.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the instances bundle (PID {@code io.axion.instances}); etc/io.axion.instances.cfg layers AXION_* on top. */
@ObjectClassDefinition(name = "Axion instances", description = "The instance view and the instance jobs")
public @interface InstancesConfig {
    String PID = "io.axion.instances";

    @AttributeDefinition(description = "How often the view re-lists every instance from LXD (one call), seconds; "
            + "events keep it current in between")
    int reconcileSeconds() default 15;

    @AttributeDefinition(description = "After a create succeeds, its name stays claimed this long, seconds, so that "
            + "other members whose view has not yet seen the new instance still answer 409")
    int claimGraceSeconds() default 30;

    @AttributeDefinition(required = false, description = "cloud-init network-config given with every cloudInit "
            + "user-data (e.g. 'config: disabled' for instances without a NIC); empty leaves the image's default")
    String cloudInitNetworkConfig() default "";

    @AttributeDefinition(description = "Largest cpu a create or resize may ask for")
    int maxCpu() default 1024;

    @AttributeDefinition(description = "Smallest memoryMiB a create or resize may ask for")
    int minMemoryMiB() default 16;
}
