package org.commsportal.audit;

/**
 * Whether the signed-in viewer may read licensed users' real names, asked each time audit entries are read. The
 * privacy feature implements it; the audit log does not depend on it, so the dependency points one way.
 */
public interface SubjectVisibility {

    boolean viewerSeesNames();
}
