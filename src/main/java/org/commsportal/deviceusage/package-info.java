/**
 * Device usage (docs/device-usage.md): per licensed user, UTC day and client platform, the parties the user took
 * part in sessions as, the platform derived from the party's client version by {@link ClientPlatforms}; kept by the
 * write core as a read model, for the device usage page and its Graph-style functions.
 */
@NullMarked
package org.commsportal.deviceusage;

import org.jspecify.annotations.NullMarked;
