/**
 * Call reliability and Rate My Call (docs/reliability.md): the classification of failures, the read models kept by the
 * write path, the services and the pages.
 */
@NullMarked
package org.commsportal.reliability;

import org.jspecify.annotations.NullMarked;
