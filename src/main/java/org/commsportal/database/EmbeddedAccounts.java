package org.commsportal.database;

import java.util.ArrayList;
import java.util.List;
import org.commsportal.database.RootPasswordFile.RootPassword;

/**
 * The accounts of the embedded server, as the statements of its {@code --init-file}: the server runs them with grant
 * tables on, before it accepts any connection, so there is no moment in which it answers without a password.
 *
 * <ul>
 *   <li>Every start: {@code root@127.0.0.1} (the portal, over TCP) and {@code root@localhost} (the socket) exist, have
 *       every privilege and the password from the data directory's file. That also replaces the socket
 *       authentication the installer gives {@code root@localhost}.
 *   <li>When the password file was created now (a new data directory, or one from a version that ran without grant
 *       tables, where no account could be used or created): every other account is dropped, in particular the
 *       installer's anonymous ones ({@code ''@localhost}, {@code ''@<host name>}), so root is the only way in. Accounts
 *       added later are kept.
 * </ul>
 */
final class EmbeddedAccounts {

    static final List<String> ROOT_HOSTS = List.of("127.0.0.1", "localhost");

    private EmbeddedAccounts() {}

    /** One statement per line, as the server reads an init file. */
    static String initFile(RootPassword password) {
        List<String> statements = new ArrayList<>();
        if (password.created()) {
            statements.add("SELECT COALESCE(CONCAT('DROP USER ', GROUP_CONCAT(QUOTE(User), '@', QUOTE(Host))), 'DO 0')"
                    + " INTO @portal_drop_accounts FROM mysql.user WHERE is_role = 'N'"
                    + " AND NOT (User = 'mariadb.sys' AND Host = 'localhost')" // definer of the system views, locked
                    + " AND NOT (User = 'root' AND Host IN ('127.0.0.1', 'localhost'));");
            statements.add("EXECUTE IMMEDIATE @portal_drop_accounts;");
        }
        for (String host : ROOT_HOSTS) {
            String account = "'root'@'" + host + "'";
            statements.add("CREATE USER IF NOT EXISTS " + account + ";");
            // the password's characters are checked when it is read (RootPasswordFile.ALLOWED): no quote, no backslash
            statements.add("ALTER USER " + account + " IDENTIFIED BY '" + password.value() + "';");
            statements.add("GRANT ALL PRIVILEGES ON *.* TO " + account + " WITH GRANT OPTION;");
        }
        return String.join("\n", statements) + "\n";
    }
}
