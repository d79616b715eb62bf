@NullMarked
package org.commsportal.quality.ui;

import org.jspecify.annotations.NullMarked;
