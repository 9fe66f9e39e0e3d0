package io.axion.lxd.internal;

import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;

/** TLS towards a remote LXD: Axion's client certificate, and LXD's own certificate pinned when configured. */
final class RemoteTls {
    private static final Logger LOG = LoggerFactory.getLogger(RemoteTls.class);

    private RemoteTls() {
    }

    static SslContextFactory.Client clientContext(LxdSettings settings) {
        try {
            var files = ClientCertificates.ensure(settings.clientCertificate(), settings.clientKey(), settings.dataDir());
            SslContextFactory.Client tls = new SslContextFactory.Client();
            tls.setKeyStore(ClientCertificates.keyStore(files.certificate(), files.key()));
            tls.setKeyStorePassword(new String(ClientCertificates.STORE_PASSWORD));
            // LXD's server certificate is self-signed and rarely names the host: pin it instead of checking names.
            tls.setEndpointIdentificationAlgorithm(null);
            if (settings.serverCertificate() != null) {
                tls.setTrustStore(ClientCertificates.trustStore(settings.serverCertificate()));
            } else {
                LOG.warn("No serverCertificate configured for {}: trusting any server certificate", settings.url());
                tls.setTrustAll(true);
            }
            return tls;
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("cannot set up TLS for " + settings.url(), e);
        }
    }
}
