/** Users blocked from PSTN calling: the history of blocks kept from the directory's records, and its page. */
@NullMarked
package org.commsportal.usersblocked;

import org.jspecify.annotations.NullMarked;
