package io.axion.web.internal;

import org.osgi.service.metatype.annotations.AttributeDefinition;
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
}
