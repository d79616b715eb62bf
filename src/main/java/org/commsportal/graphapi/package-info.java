/** The Graph-style reports API of docs/graph-api.md: peer-to-peer counts and the per-user activity detail. */
@NullMarked
package org.commsportal.graphapi;

import org.jspecify.annotations.NullMarked;
