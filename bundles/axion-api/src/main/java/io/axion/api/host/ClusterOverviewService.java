package io.axion.api.host;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The cluster's nodes and hosts in one read ({@code GET /api/v1/cluster}, {@code axion:cluster}). Each node
 * publishes its own HTTP base URL while it runs, so that every node can tell clients where the others answer.
 */
@ProviderType
public interface ClusterOverviewService {

    /** Members, hosts and running jobs as this node sees them now. */
    ClusterOverview overview();
}
