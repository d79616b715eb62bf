@NullMarked
package org.commsportal.pstn.ui;

import org.jspecify.annotations.NullMarked;
