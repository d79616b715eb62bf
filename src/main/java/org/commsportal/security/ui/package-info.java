@NullMarked
package org.commsportal.security.ui;

import org.jspecify.annotations.NullMarked;
