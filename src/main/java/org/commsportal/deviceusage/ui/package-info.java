@NullMarked
package org.commsportal.deviceusage.ui;

import org.jspecify.annotations.NullMarked;
