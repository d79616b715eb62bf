package org.commsportal.pstn;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import org.commsportal.audit.AuditAction;
import org.commsportal.audit.AuditLog;
import org.commsportal.security.Roles;
import org.commsportal.sessions.TenantWriteLock;
import org.commsportal.tenant.CurrentTenant;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The signed-in tenant's PSTN rate table (docs/pstn-usage.md, "Charges"), which global administrators read, edit,
 * upload and download. A table with any problem is refused whole with every problem named; a saved one replaces the
 * old one in one transaction with its audit entry, and the PSTN usage page prices every call by it at once.
 */
@Service
public class PstnRates {

    static final String ADMIN = "hasRole('" + Roles.GLOBAL_ADMIN + "')";

    private final PstnRateRepository repository;
    private final PstnCallRollupRepository days;
    private final TenantWriteLock writeLock;
    private final CurrentTenant currentTenant;
    private final AuditLog auditLog;

    PstnRates(
            PstnRateRepository repository,
            PstnCallRollupRepository days,
            TenantWriteLock writeLock,
            CurrentTenant currentTenant,
            AuditLog auditLog) {
        this.repository = repository;
        this.days = days;
        this.writeLock = writeLock;
        this.currentTenant = currentTenant;
        this.auditLog = auditLog;
    }

    @PreAuthorize(ADMIN)
    @Transactional(readOnly = true)
    public PstnRateTable table() {
        return repository.table(currentTenant.id());
    }

    /** Saves the table as the editor holds it; a {@link PstnRateProblems} names every problem and nothing changes. */
    @PreAuthorize(ADMIN)
    @Transactional
    public PstnRateTable save(String currency, List<PstnRate> rates) {
        String code = currency.strip().toUpperCase(Locale.ROOT);
        List<PstnRate> normalized = rates.stream()
                .map(rate -> new PstnRate(
                        rate.country().strip().toUpperCase(Locale.ROOT),
                        rate.type(),
                        rate.pricePerMinute(),
                        rate.connectionFee()))
                .toList();
        var problems = PstnRateFile.check(code, normalized);
        if (!problems.isEmpty()) {
            throw new PstnRateProblems(problems);
        }
        return write(new PstnRateTable(code, normalized), "in the editor");
    }

    /** Replaces the table by an uploaded CSV file (docs/pstn-usage.md); nothing changes when any line is wrong. */
    @PreAuthorize(ADMIN)
    @Transactional
    public PstnRateTable upload(String fileName, InputStream file) throws IOException {
        PstnRateTable table = PstnRateFile.parse(file);
        var problems = PstnRateFile.check(java.util.Objects.requireNonNull(table.currency()), table.rates());
        if (!problems.isEmpty()) {
            throw new PstnRateProblems(problems);
        }
        return write(table, "from the file " + shortName(fileName));
    }

    /** Writes the table as the CSV file that {@link #upload} reads, and audits the download. */
    // No surrounding transaction: the audit entry is written on a connection of its own (REQUIRES_NEW), and a request
    // must never hold two of the pool's connections at once (docs/load-test.md, a pool deadlock found under load)
    @PreAuthorize(ADMIN)
    public void download(OutputStream out) throws IOException {
        PstnRateTable table = repository.table(currentTenant.id());
        PstnRateFile.write(table, out);
        auditLog.record(
                AuditAction.EXPORT, "PSTN rate table as CSV, " + table.rates().size() + " rates");
    }

    private PstnRateTable write(PstnRateTable table, String how) {
        long tenantId = currentTenant.id();
        // no call is written meanwhile, so none is priced by the old rates after the re-pricing below
        writeLock.lockExclusive(tenantId);
        PstnRateTable before = repository.table(tenantId);
        String currency = java.util.Objects.requireNonNull(table.currency());
        repository.replace(tenantId, currency, PstnRateFile.minorDigits(currency), table.rates());
        // the day rollup holds the calls' charges: re-price every call, past ones included (docs/pstn-usage.md)
        days.deleteAll(tenantId);
        days.addAll(tenantId);
        auditLog.recordChange(
                AuditAction.PSTN_RATES_CHANGED,
                "PSTN rate table saved " + how + ": " + table.rates().size() + " rates in " + currency + " (before: "
                        + before.rates().size() + " rates"
                        + (before.currency() == null ? "" : " in " + before.currency())
                        + ")" + changes(before, table));
        return repository.table(tenantId);
    }

    /** The rates added, changed and removed, named briefly for the audit log. */
    private static String changes(PstnRateTable before, PstnRateTable after) {
        var old = new java.util.HashMap<String, PstnRate>();
        before.rates().forEach(rate -> old.put(key(rate), rate));
        List<String> changed = new java.util.ArrayList<>();
        for (PstnRate rate : after.rates()) {
            PstnRate was = old.remove(key(rate));
            if (was == null) {
                changed.add("+" + key(rate) + " " + price(rate));
            } else if (was.pricePerMinute().compareTo(rate.pricePerMinute()) != 0
                    || was.connectionFee().compareTo(rate.connectionFee()) != 0) {
                changed.add(key(rate) + " " + price(was) + " -> " + price(rate));
            }
        }
        old.keySet().stream().sorted().forEach(key -> changed.add("-" + key));
        if (changed.isEmpty()) {
            return "";
        }
        int shown = Math.min(changed.size(), 50);
        return ": " + String.join(", ", changed.subList(0, shown))
                + (changed.size() > shown ? " and " + (changed.size() - shown) + " more" : "");
    }

    private static String key(PstnRate rate) {
        return rate.country() + " " + rate.type().vendorName();
    }

    private static String price(PstnRate rate) {
        return rate.pricePerMinute().stripTrailingZeros().toPlainString() + "/min + "
                + rate.connectionFee().stripTrailingZeros().toPlainString();
    }

    private static String shortName(String fileName) {
        String name = fileName.replaceAll("[\\p{Cntrl}]", "");
        return "\"" + (name.length() > 80 ? name.substring(0, 80) + "…" : name) + "\"";
    }

    /** Whether the signed-in account may change the rate table. */
    public boolean mayChange() {
        return org.commsportal.security.SignedInRoles.has(org.commsportal.security.Role.GLOBAL_ADMIN);
    }
}
