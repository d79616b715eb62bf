/** The call quality dashboard (docs/call-quality.md): its read model, service and page. */
@NullMarked
package org.commsportal.quality;

import org.jspecify.annotations.NullMarked;
