package io.axion.firewall.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the firewall bundle (PID {@code io.axion.firewall}); etc/io.axion.firewall.cfg layers AXION_* on top. */
@ObjectClassDefinition(name = "Axion firewall", description = "Per-instance rules in nftables")
public @interface FirewallConfig {
    String PID = "io.axion.firewall";

    @AttributeDefinition(description = "The nft binary (Debian's nftables)")
    String nft() default "nft";

    @AttributeDefinition(description = "The nftables table Axion owns, in the bridge family (instances' rules) "
            + "and the inet family (port forwards' allowed sources)")
    String table() default "axion";

    @AttributeDefinition(description = "How often every instance's rules are applied again (a safety net for starts "
            + "this node did not see), seconds; 0: only at start and on changes")
    int reconcileSeconds() default 60;
}
