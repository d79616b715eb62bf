@NullMarked
package org.commsportal.sessiondetails.ui;

import org.jspecify.annotations.NullMarked;
