/** The peer-to-peer activity report (SPEC section 2), read from the daily rollups. */
@NullMarked
package org.commsportal.activity;

import org.jspecify.annotations.NullMarked;
