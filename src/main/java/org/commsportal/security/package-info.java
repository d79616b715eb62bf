/** Portal accounts, roles, sign-in and the two security filter chains (browser and API). */
@NullMarked
package org.commsportal.security;

import org.jspecify.annotations.NullMarked;
