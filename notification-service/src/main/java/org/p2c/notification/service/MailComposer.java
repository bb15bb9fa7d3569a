package org.p2c.notification.service;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.p2c.notification.domain.MailKind;

import java.util.Map;

/**
 * Writes a mail from its Qute templates, {@code templates/mail/<kind>.<language>.txt} and {@code .html}, in the
 * recipient's language. The plain text's first line is the subject ({@code Subject: ...}); the rest is the body.
 * Every mail carries the unsubscribe link of its category.
 */
@ApplicationScoped
public class MailComposer {

    /** A mail ready to go. */
    public record Composed(String subject, String text, String html, String unsubscribeUrl) {
    }

    private final Engine engine;
    private final UnsubscribeTokens tokens;
    private final String publicBaseUrl;

    public MailComposer(Engine engine, UnsubscribeTokens tokens,
                        @ConfigProperty(name = "p2c.notifications.public-base-url") String publicBaseUrl) {
        this.engine = engine;
        this.tokens = tokens;
        this.publicBaseUrl = publicBaseUrl.endsWith("/") ? publicBaseUrl.substring(0, publicBaseUrl.length() - 1)
                : publicBaseUrl;
    }

    public Composed compose(MailKind kind, Person person, Map<String, Object> params) {
        String unsubscribeUrl = publicBaseUrl + "/api/v1/notifications/unsubscribe?code="
                + tokens.issue(person.subject(), kind.category());
        String text = render(kind, person, "txt", params, unsubscribeUrl);
        String html = render(kind, person, "html", params, unsubscribeUrl);
        int newline = text.indexOf('\n');
        String first = (newline < 0 ? text : text.substring(0, newline)).strip();
        if (!first.startsWith("Subject:")) {
            throw new IllegalStateException("template mail/" + kind.template() + "." + person.language()
                    + ".txt must begin with a Subject: line");
        }
        String body = newline < 0 ? "" : text.substring(newline + 1).stripLeading();
        return new Composed(first.substring("Subject:".length()).strip(), body, html, unsubscribeUrl);
    }

    private String render(MailKind kind, Person person, String format, Map<String, Object> params, String unsubscribeUrl) {
        String id = "mail/" + kind.template() + "." + person.language() + "." + format;
        Template template = engine.getTemplate(id);
        if (template == null) {
            throw new IllegalStateException("no template " + id);
        }
        TemplateInstance instance = template.instance();
        params.forEach(instance::data);
        instance.data("firstName", person.firstName() == null ? "" : person.firstName());
        instance.data("unsubscribeUrl", unsubscribeUrl);
        instance.data("settingsUrl", publicBaseUrl + "/api/v1/notifications/settings");
        return instance.render();
    }
}
