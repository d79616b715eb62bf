/**
 * Threshold alerts on the call quality and reliability figures: rules, their periodic evaluation on one node, the
 * alert history, email and webhook delivery, and Prometheus gauges of the figures (docs/alerts-and-webhooks.md).
 */
@NullMarked
package org.commsportal.alerts;

import org.jspecify.annotations.NullMarked;
