package io.axion.lxd.internal;

import io.axion.api.AxionConstants;
import io.axion.api.event.EventBus;
import io.axion.api.host.HostEndpoint;
import io.axion.api.lxd.LxdConnector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The LXD driver as a service: owns the configuration {@code io.axion.lxd} (timeouts, image fallbacks, output
 * limits, and the endpoint of the node's own LXD) and opens one {@link HostConnection} per host on request.
 */
@Component(service = LxdConnector.class, configurationPid = AxionConstants.PID_LXD,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = LxdConfig.class)
public final class LxdConnectorComponent implements LxdConnector {
    private static final Logger LOG = LoggerFactory.getLogger(LxdConnectorComponent.class);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile EventBus eventBus;

    private LxdSettings driver;

    public LxdConnectorComponent() {
    }

    /** For tests and tools outside OSGi. */
    public LxdConnectorComponent(LxdSettings driver) {
        this.driver = driver;
    }

    @Activate
    void activate(LxdConfig config) {
        driver = LxdSettings.from(config);
    }

    @Override
    public Connection connect(String host, HostEndpoint endpoint) {
        LxdSettings settings = HostSettings.of(driver, host, endpoint);
        LOG.info("Host {}: LXD at {}", host, endpoint.describe());
        return new HostConnection(host, settings, () -> eventBus);
    }

    @Override
    public HostEndpoint defaultEndpoint() {
        return new HostEndpoint(driver.url(), driver.socket().toString(), driver.project(),
                text(driver.clientCertificate()), text(driver.clientKey()), text(driver.serverCertificate()));
    }

    private static String text(Path file) {
        if (file == null) {
            return null;
        }
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + file, e);
        }
    }
}
