package org.commsportal.tenant;

/** A principal that acts for exactly one tenant: a portal account, an ingestion key, a system job. */
public interface TenantPrincipal {

    long tenantId();
}
