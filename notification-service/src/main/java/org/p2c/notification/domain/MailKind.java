package org.p2c.notification.domain;

/**
 * Every mail the platform sends on its own, each with the template that writes it (templates/mail/{template}.*) and
 * the setting that may turn it off.
 */
public enum MailKind {
    ENTITY_VERIFIED("entity-verified", Category.UPDATES),
    ENTITY_REJECTED("entity-rejected", Category.UPDATES),
    ENTITY_SUSPENDED("entity-suspended", Category.UPDATES),
    PLEDGE_VALIDATED("pledge-validated", Category.UPDATES),
    PLEDGE_RETURNED("pledge-returned", Category.UPDATES),
    PLEDGE_REJECTED("pledge-rejected", Category.UPDATES),
    COLLABORATOR_INVITED("collaborator-invited", Category.UPDATES),
    COLLABORATION_ACCEPTED("collaboration-accepted", Category.UPDATES),
    COLLABORATION_DECLINED("collaboration-declined", Category.UPDATES),
    REPORT_DUE_SOON("report-due-soon", Category.REMINDERS),
    REPORT_OVERDUE("report-overdue", Category.REMINDERS),
    SECRETARIAT_DIGEST("secretariat-digest", Category.DIGEST);

    /** What a person can turn off, one unsubscribe link each. */
    public enum Category { UPDATES, REMINDERS, DIGEST }

    private final String template;
    private final Category category;

    MailKind(String template, Category category) {
        this.template = template;
        this.category = category;
    }

    public String template() {
        return template;
    }

    public Category category() {
        return category;
    }
}
