@NullMarked
package org.commsportal.reliability.ui;

import org.jspecify.annotations.NullMarked;
