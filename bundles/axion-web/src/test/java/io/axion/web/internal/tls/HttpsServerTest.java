package io.axion.web.internal.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HttpsServerTest {
    @TempDir
    Path data;
    Server server;

    @AfterEach
    void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void firstBootMakesAnOwnerOnlySelfSignedKeyAndKeepsIt() throws Exception {
        KeyStore first = ServerCertificates.keyStore("", "", data, "192.0.2.10");
        Path key = data.resolve("tls/server.key");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
        X509Certificate cert = (X509Certificate) first.getCertificate("axion");
        List<String> names = cert.getSubjectAlternativeNames().stream()
                .map(name -> String.valueOf(name.get(1))).toList();
        assertThat(names).contains("localhost", "127.0.0.1", "192.0.2.10");
        assertThat(cert.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1");
        KeyStore again = ServerCertificates.keyStore("", "", data, "192.0.2.10");
        assertThat(again.getCertificate("axion")).isEqualTo(cert);
    }

    @Test
    void servesHttpsToAClientThatTrustsTheCertificateAndNobodyElse() throws Exception {
        KeyStore keys = ServerCertificates.keyStore("", "", data, "127.0.0.1");
        server = new Server();
        ServerConnector connector = Connectors.https(server, new HttpConfiguration(), keys,
                ServerCertificates.STORE_PASSWORD);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.setStatus(200);
                Content.Sink.write(response, true, request.getHttpURI().getScheme() + " " + request.isSecure(),
                        callback);
                return true;
            }
        });
        server.start();
        URI uri = URI.create("https://127.0.0.1:" + connector.getLocalPort() + "/");

        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("axion", keys.getCertificate("axion"));
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trust.getTrustManagers(), null);
        HttpResponse<String> answer = HttpClient.newBuilder().sslContext(tls).build()
                .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("https true");
        assertThat(answer.sslSession()).hasValueSatisfying(s -> assertThat(s.getProtocol()).isIn("TLSv1.3", "TLSv1.2"));

        assertThatThrownBy(() -> HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofString()))
                .isInstanceOf(SSLHandshakeException.class);
    }
}
