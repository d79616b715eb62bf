/** The peer-to-peer activity report (docs/peer-to-peer-activity.md), read from the daily rollups. */
@NullMarked
package org.commsportal.activity;

import org.jspecify.annotations.NullMarked;
