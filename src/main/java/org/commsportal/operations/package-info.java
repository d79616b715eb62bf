/**
 * What operators see of a running portal: health and Prometheus metrics on a separate management port that the
 * public port never serves.
 */
@NullMarked
package org.commsportal.operations;

import org.jspecify.annotations.NullMarked;
