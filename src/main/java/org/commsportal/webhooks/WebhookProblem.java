package org.commsportal.webhooks;

/** Input the webhooks refuse, with a message for the person who typed it; nothing was written. */
public class WebhookProblem extends IllegalArgumentException {

    public WebhookProblem(String message) {
        super(message);
    }
}
