@NullMarked
package org.commsportal.activity.ui;

import org.jspecify.annotations.NullMarked;
