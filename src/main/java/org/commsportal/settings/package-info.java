/** The tenant's settings: name concealment, retention and default time zone (docs/privacy-and-roles.md, docs/configuration.md). */
@NullMarked
package org.commsportal.settings;

import org.jspecify.annotations.NullMarked;
