package org.commsportal.privacy;

import org.commsportal.audit.SubjectVisibility;
import org.springframework.stereotype.Component;

/** The audit log shows a subject's name exactly to the viewers the reports show names to (docs/privacy.md). */
@Component
class AuditSubjectVisibility implements SubjectVisibility {

    private final NameConcealment concealment;

    AuditSubjectVisibility(NameConcealment concealment) {
        this.concealment = concealment;
    }

    @Override
    public boolean viewerSeesNames() {
        return !concealment.forCurrentViewer().concealed();
    }
}
