package io.axion.api.placement;

import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Chooses the host of a new instance whose create names none. The instance service uses the registered policy
 * with the highest {@code service.ranking}: the default one ranks {@value #DEFAULT_RANKING}, and a scheduler
 * feature replaces it at runtime by registering a higher-ranked one (and gives it back by going away).
 * <p>
 * A policy may hold resources of its own for the instance it placed (pinned cores, GPUs): it keeps them until
 * {@link #release}, which the instance service calls when the admission fails after placing (the quota refused),
 * when the create fails, and when the instance is deleted.
 */
@ConsumerType
public interface PlacementPolicy {

    /** The ranking of the built-in policy: anything registered above it takes over. */
    int DEFAULT_RANKING = -1000;

    /** A short name, shown in {@code GET /api/v1/cluster}. */
    String name();

    /**
     * @param candidates every host that exists now, with its capacity and what is allocated on it
     * @return the placement, or empty when no candidate can take the instance now
     */
    Optional<Placement> place(PlacementRequest request, List<HostCandidate> candidates);

    /** Frees what this policy holds for the instance; harmless when it holds nothing. */
    default void release(String instance) {
    }
}
