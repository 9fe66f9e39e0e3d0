/**
 * Placement of new instances on hosts: the {@link io.axion.api.placement.PlacementPolicy} SPI that a scheduler
 * feature replaces at runtime.
 */
@Version("1.0.0")
package io.axion.api.placement;

import org.osgi.annotation.versioning.Version;
