package org.commsportal.webhooks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.commsportal.lease.JobLeases;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Sends the outbox (docs/alerts-and-webhooks.md, "Delivery"): on one node at a time (the lease
 * {@value #LEASE}), each due delivery is posted with its signature and idempotency key; a 2xx answer delivers it,
 * anything else (another status, a timeout, a refused connection) schedules the next attempt after
 * {@code retry-base × 2^(attempts − 1)}, at most {@code retry-max}, until {@code max-attempts} have failed. A node
 * that dies between posting and recording leaves the delivery pending: it is posted again with the same key.
 */
@Component
public class WebhookSender {

    static final String LEASE = "webhook-deliveries";
    private static final Duration LEASE_TIME = Duration.ofMinutes(2);
    private static final int BATCH = 100;
    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);

    private final WebhookRepository repository;
    private final WebhookUrls urls;
    private final JobLeases leases;
    private final Clock clock;
    private final HttpClient http;
    private final Duration timeout;
    private final Duration retryBase;
    private final Duration retryMax;
    private final int maxAttempts;
    private final boolean enabled;
    private final Duration keepLog;

    WebhookSender(
            WebhookRepository repository,
            WebhookUrls urls,
            JobLeases leases,
            Clock clock,
            @Value("${portal.webhooks.timeout:PT10S}") Duration timeout,
            @Value("${portal.webhooks.retry-base:PT30S}") Duration retryBase,
            @Value("${portal.webhooks.retry-max:PT1H}") Duration retryMax,
            @Value("${portal.webhooks.max-attempts:12}") int maxAttempts,
            @Value("${portal.webhooks.enabled:true}") boolean enabled,
            @Value("${portal.webhooks.keep-log:P30D}") Duration keepLog) {
        this.repository = repository;
        this.urls = urls;
        this.leases = leases;
        this.clock = clock;
        this.timeout = timeout;
        this.retryBase = retryBase;
        this.retryMax = retryMax;
        this.maxAttempts = maxAttempts;
        this.enabled = enabled;
        this.keepLog = keepLog;
        // redirects are not followed: a receiver could otherwise send the portal on to an internal address
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Scheduled(fixedDelayString = "${portal.webhooks.poll:PT5S}", initialDelayString = "PT10S")
    void scheduled() {
        if (enabled) {
            try {
                sendDue();
            } catch (RuntimeException e) {
                log.warn("Webhook deliveries stopped: {}", e.toString());
            }
        }
    }

    /** Sends every due delivery if this node gets the lease; returns how many attempts it made. */
    public int sendDue() {
        if (!leases.tryAcquire(LEASE, LEASE_TIME)) {
            return 0;
        }
        int attempts = 0;
        try {
            while (true) {
                var due = repository.due(clock.instant(), BATCH);
                for (var delivery : due) {
                    // renewed before each attempt, which takes at most twice the timeout
                    if (!leases.tryAcquire(LEASE, LEASE_TIME)) {
                        return attempts;
                    }
                    attempt(delivery);
                    attempts++;
                }
                if (due.size() < BATCH) {
                    // the log keeps finished deliveries for keep-log; pending ones stay until they finish
                    repository.purgeBefore(clock.instant().minus(keepLog), 1000);
                    return attempts;
                }
            }
        } finally {
            leases.release(LEASE);
        }
    }

    private void attempt(WebhookRepository.Due delivery) {
        Integer status = null;
        String error;
        try {
            URI uri = urls.check(delivery.url());
            Instant now = clock.instant();
            HttpRequest request = HttpRequest.newBuilder(uri)
                    .timeout(timeout)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "CommsUsagePortal-Webhooks/1")
                    .header("Idempotency-Key", delivery.idempotencyKey())
                    .header("X-Portal-Event", delivery.eventType())
                    .header(
                            WebhookSignature.HEADER,
                            WebhookSignature.header(delivery.secret(), now.getEpochSecond(), delivery.payload()))
                    .POST(HttpRequest.BodyPublishers.ofString(delivery.payload()))
                    .build();
            HttpResponse<Void> response = http.send(request, HttpResponse.BodyHandlers.discarding());
            status = response.statusCode();
            if (status >= 200 && status < 300) {
                repository.delivered(delivery.id(), status, clock.instant());
                return;
            }
            error = "HTTP " + status;
        } catch (WebhookProblem e) {
            error = e.getMessage();
        } catch (HttpTimeoutException e) {
            error = "No answer within " + timeout.toSeconds() + " s";
        } catch (IOException e) {
            error = "Connection failed: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            error = "Interrupted";
        }
        repository.failed(delivery.id(), status, error, nextAttempt(delivery.attempts() + 1));
    }

    /** When the attempt after {@code failed} failed attempts is due; null when none is left. */
    @Nullable
    Instant nextAttempt(int failed) {
        if (failed >= maxAttempts) {
            return null;
        }
        Duration wait = retryBase.multipliedBy(1L << Math.min(failed - 1, 30));
        if (wait.compareTo(retryMax) > 0 || wait.isNegative()) {
            wait = retryMax;
        }
        return clock.instant().plus(wait);
    }
}
