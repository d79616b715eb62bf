/** Where the portal's data lives: an embedded MariaDB by default, any MariaDB server by configuration. */
@NullMarked
package org.commsportal.database;

import org.jspecify.annotations.NullMarked;
