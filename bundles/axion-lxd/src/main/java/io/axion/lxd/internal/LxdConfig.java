package io.axion.lxd.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** The LXD driver's settings (PID {@code io.axion.lxd}); {@code etc/io.axion.lxd.cfg} layers AXION_LXD_* on top. */
@ObjectClassDefinition(name = "Axion LXD driver", description = "How Axion reaches LXD")
public @interface LxdConfig {

    @AttributeDefinition(description = "LXD's unix socket. When absent, the snap and Incus sockets are tried.")
    String socket() default LxdSettings.DEFAULT_SOCKET;

    @AttributeDefinition(required = false,
            description = "https://host:8443 of a remote LXD; when set, the socket is not used")
    String url() default "";

    @AttributeDefinition(required = false,
            description = "PEM client certificate for a remote LXD; generated into the data folder when empty")
    String clientCertificate() default "";

    @AttributeDefinition(required = false, description = "PEM private key matching clientCertificate")
    String clientKey() default "";

    @AttributeDefinition(required = false,
            description = "PEM certificate of the remote LXD to trust; when empty any server certificate is accepted")
    String serverCertificate() default "";

    @AttributeDefinition(description = "The LXD project Axion works in; created when missing")
    String project() default "default";

    @AttributeDefinition(description = "Deadline for a background operation (start, stop, snapshot, ...), seconds")
    int operationTimeoutSeconds() default 120;

    @AttributeDefinition(description = "Deadline for a create, which may unpack or fetch an image, seconds")
    int createTimeoutSeconds() default 600;

    @AttributeDefinition(description = "How long a graceful stop may take before the instance is stopped by force, seconds")
    int stopTimeoutSeconds() default 30;

    @AttributeDefinition(description = "Deadline for one plain LXD request, seconds")
    int requestTimeoutSeconds() default 30;

    @AttributeDefinition(description = "How often the driver checks that LXD answers, milliseconds")
    int healthIntervalMillis() default 2000;

    @AttributeDefinition(description = "Fallbacks for remote images that cannot be fetched: remote=local alias, comma separated")
    String imageFallbacks() default "images:debian/12=axion/debian-12, images:debian/bookworm=axion/debian-12, images:busybox=axion/busybox";

    @AttributeDefinition(description = "At most this many bytes of each output stream of a finished command are kept")
    int execOutputLimitBytes() default 8 * 1024 * 1024;

    @AttributeDefinition(required = false, description = "The LXD bridge Axion makes (no uplink) and attaches every "
            + "instance it creates to, as eth0; empty or none: instances are made without a NIC")
    String bridge() default "axionbr0";

    @AttributeDefinition(required = false, description = "The bridge's own IPv4 address and prefix; DHCP hands out the rest")
    String bridgeAddress() default "10.147.0.1/24";
}
