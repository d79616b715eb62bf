package org.commsportal.base.ui;

import com.vaadin.flow.component.html.Paragraph;

/** The notice on a page or part of a page that a later issue builds, so nobody mistakes it for the real thing. */
public final class BeingBuilt extends Paragraph {

    public BeingBuilt(String whatIsMissing) {
        super("Being built: " + whatIsMissing + ". Not available yet.");
        addClassName("placeholder-notice");
    }
}
