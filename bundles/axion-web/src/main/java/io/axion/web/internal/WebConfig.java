package io.axion.web.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.AttributeType;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(name = "Axion web", description = "The HTTP server of the API, the WebSockets and the console")
public @interface WebConfig {

    @AttributeDefinition(description = "Address to listen on (AXION_HTTP_HOST)")
    String host() default "127.0.0.1";

    @AttributeDefinition(description = "Port to listen on (AXION_HTTP_PORT)")
    int port() default 8080;

    @AttributeDefinition(description = "Largest number of request threads")
    int maxThreads() default 64;

    @AttributeDefinition(description = "Idle timeout of a connection, in milliseconds")
    long idleTimeoutMs() default 30_000;

    @AttributeDefinition(description = "auto: HTTPS off the loopback interface or with a keystore; always: HTTPS "
            + "(AXION_TLS)")
    String tls() default "auto";

    @AttributeDefinition(description = "Serve plain HTTP off the loopback interface too (AXION_ALLOW_HTTP); only "
            + "behind a TLS-terminating proxy")
    boolean allowPlainHttp() default false;

    @AttributeDefinition(description = "PKCS12 keystore with the server's key and certificate (AXION_TLS_KEYSTORE); "
            + "empty makes a self-signed one in the data folder")
    String tlsKeystore() default "";

    @AttributeDefinition(description = "Password of the keystore (AXION_TLS_KEYSTORE_PASSWORD)",
            type = AttributeType.PASSWORD)
    String tlsKeystorePassword() default "";
}
