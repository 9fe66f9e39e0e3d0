package io.axion.network.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Port forward settings (PID {@code io.axion.network}); {@code etc/io.axion.network.cfg} layers AXION_* on top. */
@ObjectClassDefinition(name = "Axion port forwards", description = "Which host ports instances may be reached on")
public @interface NetworkConfig {

    @AttributeDefinition(description = "Lowest host port a forward may use")
    int hostPortMin() default 10000;

    @AttributeDefinition(description = "Highest host port a forward may use")
    int hostPortMax() default 60000;

    @AttributeDefinition(description = "Host address the forwards listen on (0.0.0.0 for every interface)")
    String listenAddress() default "127.0.0.1";

    @AttributeDefinition(description = "Refuse a host port that a host process already listens on (try to bind it "
            + "first). Only meaningful when LXD runs on this host")
    boolean probeHostPorts() default true;
}
