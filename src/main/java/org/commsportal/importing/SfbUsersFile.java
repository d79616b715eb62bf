package org.commsportal.importing;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.commsportal.directory.UserRecord;
import org.commsportal.ingest.IngestProblem;
import org.commsportal.ingest.IngestProblems;
import org.commsportal.ingest.IngestRecords;

/**
 * The optional {@code users} file of {@code import sfb-server} (docs/import-sfb-server.md, "Users"): the SIP URIs of
 * LcsCDR's Users table that registered with the deployment (its own users; federated and anonymous parties never
 * register there) and their first registration. Each becomes a directory user when the directory does not know it
 * yet: UPN the URI without {@code sip:}, alias its local part, display name the UPN, licensed from the UTC day of
 * the first registration. Users the directory knows are left as they are: a directory export knows them better.
 */
final class SfbUsersFile {

    static final String NAME = "users";
    static final List<String> COLUMNS = List.of("UserUri", "FirstRegisterTime");

    private SfbUsersFile() {}

    /** The users read, by lower-case UPN (the earliest registration of a UPN written twice), and telephone URIs. */
    record Read(Map<String, UserRecord> users, long telephoneUris) {}

    static Read read(Path file, IngestRecords records, ImportProblems problems) throws IOException {
        Map<String, UserRecord> users = new LinkedHashMap<>();
        long[] telephone = {0};
        SfbServerImport.rows(file, COLUMNS, problems, (line, row) -> {
            Instant first = SfbServerImport.time(file, line, row, "FirstRegisterTime", true, problems);
            String uri = row.get("UserUri");
            if (uri == null) {
                problems.add(SfbServerImport.problem(file, line, row, "UserUri", "is required"));
                return;
            }
            String upn = uri.replaceFirst("(?i)^sip:", "").replaceAll(";.*", "");
            if (uri.toLowerCase(Locale.ROOT).startsWith("tel:")
                    || uri.contains("user=phone")
                    || upn.matches("\\+?[0-9]+@.*")) {
                telephone[0]++; // a number is no directory user
                return;
            }
            if (first == null) {
                return;
            }
            ObjectNode node = JsonNodeFactory.instance.objectNode();
            node.put("upn", upn);
            node.put("alias", upn.contains("@") ? upn.substring(0, upn.indexOf('@')) : upn);
            node.put("displayName", upn);
            node.put(
                    "licensedFrom", first.atOffset(ZoneOffset.UTC).toLocalDate().toString());
            IngestProblems found = new IngestProblems();
            UserRecord user = records.user(0, node, found);
            for (IngestProblem problem : found.listed()) {
                problems.add(new ImportProblem(
                        new SourceLocation(file, line, 1),
                        "user " + upn,
                        "portal " + problem.field(),
                        problem.reason()));
            }
            if (user != null) {
                users.merge(
                        upn.toLowerCase(Locale.ROOT),
                        user,
                        (a, b) -> a.licensedFrom().isAfter(b.licensedFrom()) ? b : a);
            }
        });
        return new Read(users, telephone[0]);
    }
}
