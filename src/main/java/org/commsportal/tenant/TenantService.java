package org.commsportal.tenant;

import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class TenantService {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final TenantRepository tenants;
    private final CurrentTenant currentTenant;

    TenantService(TenantRepository tenants, CurrentTenant currentTenant) {
        this.tenants = tenants;
        this.currentTenant = currentTenant;
    }

    /** Creates a tenant with default settings (names concealed, 365 days retention) and a fresh pseudonym key. */
    @Transactional
    public Tenant create(String name, UUID guid) {
        return create(name, guid, true);
    }

    /** Creates a tenant, choosing whether reports conceal user names (the setting's default is to conceal). */
    @Transactional
    public Tenant create(String name, UUID guid, boolean displayConcealedNames) {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        long id = tenants.insert(guid, name, secret, displayConcealedNames);
        return tenants.findById(id).orElseThrow();
    }

    /** The signed-in tenant. */
    public Tenant current() {
        return tenants.findById(currentTenant.id()).orElseThrow();
    }

    /**
     * Changes the signed-in tenant's settings. Only the settings feature calls this, after its role check; it
     * audits the change.
     */
    @Transactional
    public void updateSettings(boolean displayConcealedNames, int retentionDays, String defaultTimeZone) {
        tenants.updateSettings(currentTenant.id(), displayConcealedNames, retentionDays, defaultTimeZone);
    }

    /** A tenant by id, for a single sign-on whose provider names the tenant before anybody is signed in. */
    public Optional<Tenant> findById(long id) {
        return tenants.findById(id);
    }

    /** For start-up jobs that run before anybody signs in. */
    public Optional<Tenant> findByName(String name) {
        return tenants.findByName(name);
    }

    /** The signed-in tenant's pseudonym key, for the privacy feature's keyed hash only. */
    public byte[] pseudonymSecret() {
        return tenants.pseudonymSecret(currentTenant.id());
    }

    public List<Tenant> all() {
        return tenants.findAll();
    }
}
