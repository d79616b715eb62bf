/**
 * Webhooks of a tenant: endpoints created by global administrators, signed JSON deliveries from a database outbox
 * sent by one node at a time with retries, and the change feed of written sessions (docs/alerts-and-webhooks.md).
 */
@NullMarked
package org.commsportal.webhooks;

import org.jspecify.annotations.NullMarked;
