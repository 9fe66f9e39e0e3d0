package io.axion.api.web;

import java.util.Set;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The web origins ({@code http://127.0.0.1:8082}) of this cluster's nodes. The console is served by every node; when
 * the node it came from stops answering it carries on against another, which is another origin: the web bundle lets
 * exactly these origins call the API (CORS) and lets the console's pages connect to them (its content policy).
 */
@ProviderType
public interface PeerOrigins {
    /** Each as {@code scheme://host[:port]}, lower case, without a path; empty when no node published one. */
    Set<String> origins();
}
