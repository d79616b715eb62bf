@NullMarked
package org.commsportal.activeusers.ui;

import org.jspecify.annotations.NullMarked;
