@NullMarked
package org.commsportal.settings.ui;

import org.jspecify.annotations.NullMarked;
