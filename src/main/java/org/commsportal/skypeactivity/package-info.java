/**
 * Skype for Business activity (docs/skype-for-business-activity.md): per licensed user and UTC day, peer-to-peer
 * sessions and the conferences organized and taken part in, kept by the write core as a read model, for the
 * activity, conference organizer and conference participant reports and the Graph-style functions.
 */
@NullMarked
package org.commsportal.skypeactivity;

import org.jspecify.annotations.NullMarked;
