package io.axion.web.internal.tls;

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
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTPS server's key: a configured PKCS12 keystore, or a self-signed EC P-256 certificate made at first boot
 * in {@code <data>/tls/} (the key readable by its owner only), whose SHA-256 fingerprint is logged for pinning.
 */
public final class ServerCertificates {
    private static final Logger LOG = LoggerFactory.getLogger(ServerCertificates.class);
    /** The in-memory store's password; the key on disk is protected by its file mode, not by this. */
    public static final String STORE_PASSWORD = "axion";

    private ServerCertificates() {
    }

    /** A keystore holding the server key under the alias {@code axion}. */
    public static KeyStore keyStore(String configuredPath, String configuredPassword, Path dataDir, String host)
            throws IOException, GeneralSecurityException {
        if (configuredPath != null && !configuredPath.isBlank()) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(Path.of(configuredPath))) {
                store.load(in, configuredPassword == null ? null : configuredPassword.toCharArray());
            }
            return store;
        }
        Path cert = dataDir.resolve("tls").resolve("server.crt");
        Path key = dataDir.resolve("tls").resolve("server.key");
        if (!Files.exists(cert) || !Files.exists(key)) {
            generate(cert, key, host);
        }
        X509Certificate certificate = readCertificate(cert);
        LOG.info("HTTPS with the self-signed certificate {} (SHA-256 fingerprint {})", cert, fingerprint(certificate));
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("axion", readPrivateKey(key), STORE_PASSWORD.toCharArray(), new Certificate[] {certificate});
        return store;
    }

    static void generate(Path certFile, Path keyFile, String host) throws IOException, GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
        KeyPair pair = generator.generateKeyPair();
        X500Name subject = new X500Name("O=Axion, CN=" + localHostName());
        Instant now = Instant.now();
        try {
            var builder = new JcaX509v3CertificateBuilder(subject, new BigInteger(128, new SecureRandom()),
                    Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(825))),
                    subject, pair.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                    .addExtension(Extension.subjectAlternativeName, false, alternativeNames(host));
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(pair.getPrivate())));
            Files.createDirectories(keyFile.toAbsolutePath().getParent());
            Files.deleteIfExists(keyFile);
            Files.createFile(keyFile,
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (Writer out = Files.newBufferedWriter(keyFile); JcaPEMWriter pem = new JcaPEMWriter(out)) {
                pem.writeObject(new JcaPKCS8Generator(pair.getPrivate(), null));
            }
            try (Writer out = Files.newBufferedWriter(certFile); JcaPEMWriter pem = new JcaPEMWriter(out)) {
                pem.writeObject(certificate);
            }
        } catch (OperatorCreationException e) {
            throw new GeneralSecurityException("Cannot sign the server certificate", e);
        }
    }

    /** localhost, 127.0.0.1, ::1, this machine's name, and the listening host when it names one. */
    private static GeneralNames alternativeNames(String host) {
        Set<String> dns = new LinkedHashSet<>(List.of("localhost", localHostName()));
        Set<String> ips = new LinkedHashSet<>(List.of("127.0.0.1", "::1"));
        if (host != null && !host.isBlank() && !host.equals("0.0.0.0") && !host.equals("::")) {
            boolean ip = host.matches("\\d{1,3}(\\.\\d{1,3}){3}") || host.contains(":");
            (ip ? ips : dns).add(host);
        }
        List<GeneralName> names = new ArrayList<>();
        dns.forEach(name -> names.add(new GeneralName(GeneralName.dNSName, name)));
        ips.forEach(ip -> names.add(new GeneralName(GeneralName.iPAddress, ip)));
        return new GeneralNames(names.toArray(new GeneralName[0]));
    }

    static String fingerprint(X509Certificate certificate) throws GeneralSecurityException {
        return HexFormat.ofDelimiter(":").withUpperCase()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded()));
    }

    static X509Certificate readCertificate(Path file) throws IOException, GeneralSecurityException {
        try (InputStream in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }

    static PrivateKey readPrivateKey(Path file) throws IOException {
        try (Reader in = Files.newBufferedReader(file); PEMParser parser = new PEMParser(in)) {
            Object pem = parser.readObject();
            if (pem instanceof PrivateKeyInfo info) {
                return new JcaPEMKeyConverter().getPrivateKey(info);
            }
            throw new IOException(file + " holds no unencrypted PKCS#8 private key");
        }
    }

    private static String localHostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
