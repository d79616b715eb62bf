/** Concealed user names: stable, keyed pseudonyms that every view, export and API uses. */
@NullMarked
package org.commsportal.privacy;

import org.jspecify.annotations.NullMarked;
