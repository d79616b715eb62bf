/**
 * The administration pages: Accounts, Audit log and My account. They sit above security/ and audit/, which
 * therefore never depend on a view (docs/architecture.md).
 */
@NullMarked
package org.commsportal.administration.ui;

import org.jspecify.annotations.NullMarked;
