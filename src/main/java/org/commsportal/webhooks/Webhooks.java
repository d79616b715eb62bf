package org.commsportal.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.commsportal.audit.AuditAction;
import org.commsportal.audit.AuditLog;
import org.commsportal.common.SecretTokens;
import org.commsportal.security.Roles;
import org.commsportal.tenant.CurrentTenant;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The signed-in tenant's webhook endpoints (global administrators change them, global readers read them) and the
 * outbox that others append deliveries to (docs/alerts-and-webhooks.md).
 */
@Service
public class Webhooks {

    /** Who may read the endpoints and their logs. */
    public static final String READ = "hasAnyRole('GLOBAL_ADMIN', 'GLOBAL_READER')";

    public static final int MAX_NAME_LENGTH = 100;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebhookRepository repository;
    private final WebhookUrls urls;
    private final CurrentTenant currentTenant;
    private final AuditLog audit;
    private final Clock clock;

    Webhooks(WebhookRepository repository, WebhookUrls urls, CurrentTenant currentTenant, AuditLog audit, Clock clock) {
        this.repository = repository;
        this.urls = urls;
        this.currentTenant = currentTenant;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * Creates an endpoint; its secret is in the answer and never shown again.
     *
     * @throws WebhookProblem for a missing or taken name or a URL the portal does not post to
     */
    @PreAuthorize("hasRole('" + Roles.GLOBAL_ADMIN + "')")
    @Transactional
    public CreatedWebhook create(String name, WebhookKind kind, String url) {
        long tenantId = currentTenant.id();
        String cleanName = name.strip();
        if (cleanName.isEmpty()) {
            throw new WebhookProblem("Give the endpoint a name.");
        }
        if (cleanName.length() > MAX_NAME_LENGTH) {
            throw new WebhookProblem("The name is longer than " + MAX_NAME_LENGTH + " characters.");
        }
        String checked = urls.check(url).toString();
        if (repository.nameTaken(tenantId, cleanName)) {
            throw new WebhookProblem("An endpoint named '" + cleanName + "' exists already.");
        }
        String secret = SecretTokens.generate("whsec_");
        String actor = SecurityContextHolder.getContext().getAuthentication().getName();
        long id = repository.insertEndpoint(tenantId, kind, cleanName, checked, secret, actor, clock.instant());
        audit.recordChange(
                AuditAction.WEBHOOK_CREATED,
                "Webhook endpoint '" + cleanName + "' (" + kind.label() + ") to " + checked);
        return new CreatedWebhook(repository.endpoint(tenantId, id).orElseThrow(), secret);
    }

    @PreAuthorize("hasRole('" + Roles.GLOBAL_ADMIN + "')")
    @Transactional
    public void delete(long endpointId) {
        long tenantId = currentTenant.id();
        WebhookEndpoint endpoint = repository
                .endpoint(tenantId, endpointId)
                .orElseThrow(() -> new WebhookProblem("This endpoint does not exist (any more)."));
        repository.deleteEndpoint(tenantId, endpointId);
        audit.recordChange(
                AuditAction.WEBHOOK_DELETED,
                "Webhook endpoint '" + endpoint.name() + "' (" + endpoint.kind().label() + ") to " + endpoint.url()
                        + ", with its delivery log");
    }

    @PreAuthorize(READ)
    @Transactional(readOnly = true)
    public List<WebhookEndpoint> endpoints() {
        return repository.endpoints(currentTenant.id());
    }

    /** The tenant's endpoints of a kind, for forms that pick one (alert rules). */
    @PreAuthorize(READ)
    @Transactional(readOnly = true)
    public List<WebhookEndpoint> endpoints(WebhookKind kind) {
        return repository.endpoints(currentTenant.id()).stream()
                .filter(e -> e.kind() == kind)
                .toList();
    }

    /** An endpoint's delivery log, newest first. */
    @PreAuthorize(READ)
    @Transactional(readOnly = true)
    public List<WebhookDelivery> deliveries(long endpointId, int offset, int limit) {
        return repository.deliveries(currentTenant.id(), endpointId, offset, limit);
    }

    /**
     * Appends a delivery of the payload to the signed-in tenant's endpoint in the caller's transaction (so it is
     * sent if and only if the caller commits), when the endpoint exists and is of the kind; returns its idempotency
     * key, or null when there is no such endpoint. For scheduled jobs running as the tenant (threshold alerts).
     */
    @Transactional
    public @org.jspecify.annotations.Nullable String enqueue(
            long endpointId, WebhookKind kind, String eventType, Map<String, ?> data) {
        long tenantId = currentTenant.id();
        var endpoint = repository.endpoint(tenantId, endpointId);
        if (endpoint.isEmpty() || endpoint.get().kind() != kind) {
            return null;
        }
        String key = UUID.randomUUID().toString();
        Instant now = clock.instant();
        repository.enqueue(tenantId, endpointId, eventType, key, envelope(key, eventType, now, data), now);
        return key;
    }

    /** The JSON body every delivery has: its id (the idempotency key), type, creation time and data. */
    static String envelope(String key, String eventType, Instant createdAt, Map<String, ?> data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", key);
        body.put("type", eventType);
        body.put("createdAt", createdAt.toString());
        body.put("data", data);
        try {
            return JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A payload of maps, lists, strings and numbers is always JSON", e);
        }
    }
}
