package io.axion.lxd.internal;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.Writer;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * Axion's client certificate for a remote LXD: PEM files, generated (self-signed, EC P-384 like LXD's own) on
 * first use, and loaded into the key stores Jetty's TLS wants.
 */
final class ClientCertificates {
    private static final Logger LOG = LoggerFactory.getLogger(ClientCertificates.class);
    static final char[] STORE_PASSWORD = "axion".toCharArray();

    private ClientCertificates() {
    }

    record CertificateFiles(Path certificate, Path key) {
    }

    /**
     * The configured certificate and key, or the generated pair in {@code dataDir} (created now when absent,
     * with the {@code lxc config trust add} line logged for the LXD administrator).
     */
    static CertificateFiles ensure(Path configuredCert, Path configuredKey, Path dataDir) throws IOException, GeneralSecurityException {
        if (configuredCert != null && configuredKey != null) {
            return new CertificateFiles(configuredCert, configuredKey);
        }
        Path cert = dataDir.resolve("client.crt");
        Path key = dataDir.resolve("client.key");
        if (!Files.exists(cert) || !Files.exists(key)) {
            generate(cert, key);
            LOG.info("Generated Axion's LXD client certificate {}; on the LXD host run: lxc config trust add {}",
                    cert, cert.getFileName());
        }
        return new CertificateFiles(cert, key);
    }

    static void generate(Path certFile, Path keyFile) throws IOException, GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp384r1"), new SecureRandom());
        KeyPair pair = generator.generateKeyPair();
        X500Name subject = new X500Name("O=Axion, CN=axion@" + hostName());
        Instant now = Instant.now();
        try {
            var builder = new JcaX509v3CertificateBuilder(subject, new BigInteger(128, new SecureRandom()),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(3650))),
                    subject, pair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA384withECDSA").build(pair.getPrivate())));
            Files.createDirectories(keyFile.toAbsolutePath().getParent());
            Files.createDirectories(certFile.toAbsolutePath().getParent());
            Files.deleteIfExists(keyFile);
            Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (Writer out = Files.newBufferedWriter(keyFile); JcaPEMWriter pem = new JcaPEMWriter(out)) {
                pem.writeObject(new JcaPKCS8Generator(pair.getPrivate(), null));
            }
            try (Writer out = Files.newBufferedWriter(certFile); JcaPEMWriter pem = new JcaPEMWriter(out)) {
                pem.writeObject(certificate);
            }
        } catch (org.bouncycastle.operator.OperatorCreationException e) {
            throw new GeneralSecurityException("cannot sign the client certificate", e);
        }
    }

    /** A PKCS12 store holding the key and certificate under the alias {@code axion}. */
    static KeyStore keyStore(Path certFile, Path keyFile) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("axion", readPrivateKey(keyFile), STORE_PASSWORD, new Certificate[]{readCertificate(certFile)});
        return store;
    }

    /** A store trusting exactly one (self-signed) server certificate. */
    static KeyStore trustStore(Path serverCertFile) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setCertificateEntry("lxd", readCertificate(serverCertFile));
        return store;
    }

    static X509Certificate readCertificate(Path file) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    static PrivateKey readPrivateKey(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file); PEMParser parser = new PEMParser(in)) {
            Object pem = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (pem instanceof PEMKeyPair pair) {
                return converter.getPrivateKey(pair.getPrivateKeyInfo());
            }
            if (pem instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            throw new IOException(file + " holds no unencrypted private key");
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
