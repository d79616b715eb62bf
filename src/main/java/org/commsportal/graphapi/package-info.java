/** The Graph-style reports API of SPEC section 5.2: peer-to-peer counts and the per-user activity detail. */
@NullMarked
package org.commsportal.graphapi;

import org.jspecify.annotations.NullMarked;
