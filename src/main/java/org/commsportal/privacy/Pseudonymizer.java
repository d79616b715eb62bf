package org.commsportal.privacy;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.commsportal.tenant.CurrentTenant;
import org.commsportal.tenant.TenantService;
import org.springframework.stereotype.Service;

/**
 * Replaces a user name, UPN or SIP URI by a stable 32-hex-character pseudonym. It is an HMAC-SHA256 with a
 * per-tenant secret, truncated to 128 bits, so the same user always gets the same pseudonym within a tenant,
 * different tenants get unrelated pseudonyms, and hashing a list of known names does not reverse it.
 */
@Service
public class Pseudonymizer {

    private static final String ALGORITHM = "HmacSHA256";

    private final TenantService tenants;
    private final CurrentTenant currentTenant;
    private final Map<Long, SecretKeySpec> keys = new ConcurrentHashMap<>();

    Pseudonymizer(TenantService tenants, CurrentTenant currentTenant) {
        this.tenants = tenants;
        this.currentTenant = currentTenant;
    }

    /** The signed-in tenant's pseudonym of a user; {@code sip:} prefixes and letter case do not matter. */
    public String pseudonym(String userName) {
        SecretKeySpec key = keys.computeIfAbsent(
                currentTenant.id(), tenantId -> new SecretKeySpec(tenants.pseudonymSecret(), ALGORITHM));
        return pseudonym(key, userName);
    }

    static String pseudonym(SecretKeySpec key, String userName) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            byte[] digest = mac.doFinal(normalize(userName).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }

    static String normalize(String userName) {
        String name = userName.strip().toLowerCase(Locale.ROOT);
        return name.startsWith("sip:") ? name.substring(4) : name;
    }
}
