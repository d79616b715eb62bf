/**
 * Locations (docs/locations.md): the building file that maps networks to buildings, its uploads and activations, the
 * mapping of stream subnets to buildings, and call quality and reliability by region, city, building and subnet.
 */
@NullMarked
package org.commsportal.locations;

import org.jspecify.annotations.NullMarked;
