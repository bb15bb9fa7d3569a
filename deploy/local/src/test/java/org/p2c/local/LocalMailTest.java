package org.p2c.local;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.p2c.local.testing.MailInbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local mail server as the platform uses it: what is sent over SMTP, to any address and without a login, is in
 * that address's inbox, read back decoded through the HTTP API ({@link MailInbox}) or with a mail client over IMAP.
 */
class LocalMailTest {

    /** Longer than a quoted-printable line (76), with '=' and '&', as Keycloak's action links are. */
    private static final String LINK = "http://localhost:18080/realms/itu/login-actions/action-token?key="
            + "eyJhbGciOiJIUzUxMiIsInR5cCIgOiAiSldUIn0.eyJleHAiOjE3OTYyMDQyMjUsImlhdCI6MTc5NjIwNDIyNX0.c2ln"
            + "&client_id=p2c-frontend&tab_id=Xy-12";

    private static LocalMail mail;

    @BeforeAll
    static void start() throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "local-mail-test"));
        mail = LocalMail.start(Topology.freePort(), Topology.freePort(), Topology.freePort(), dir, dir.resolve("mail.log"));
    }

    @AfterAll
    static void stop() {
        if (mail != null) {
            mail.close();
        }
    }

    @Test
    void aMailSentToAnyAddressIsInThatInboxDecoded() throws Exception {
        String invitee = "invitee-" + UUID.randomUUID() + "@example.org";
        String colleague = "colleague-" + UUID.randomUUID() + "@example.org";
        send(Topology.mailFrom(), "Vérifiez votre adresse — P2C", "Bonjour Amina,\n\nSuivez ce lien : " + LINK + "\n\nMerci.",
                "<p>Bonjour Amina, <a href=\"" + LINK.replace("&", "&amp;") + "\">vérifier</a></p>", invitee, colleague);

        MailInbox inbox = new MailInbox(mail.apiUrl());
        for (String address : new String[] {invitee, colleague.toUpperCase()}) {
            var mails = inbox.messagesTo(address);
            assertThat(mails).as(address).hasSize(1);
            var received = mails.get(0);
            assertThat(received.subject()).isEqualTo("Vérifiez votre adresse — P2C");
            assertThat(received.from()).isEqualTo("P2C Secretariat <no-reply@p2c.local>");
            assertThat(received.to()).containsExactly(invitee, colleague);
            assertThat(received.text()).contains("Bonjour Amina,", "Merci.");
            assertThat(received.html()).contains("vérifier");
            assertThat(received.links()).containsExactly(LINK);
            assertThat(received.header("subject")).hasSize(1);
        }
    }

    @Test
    void anAddressThatNeverReceivedMailHasAnEmptyInbox() {
        assertThat(new MailInbox(mail.apiUrl()).messagesTo("nobody-" + UUID.randomUUID() + "@example.org")).isEmpty();
    }

    @Test
    void aMailClientReadsTheInboxOverImapWithAnyPassword() throws Exception {
        String address = "imap-" + UUID.randomUUID() + "@example.org";
        send(Topology.mailFrom(), "Your pledge was validated", "It is public now: http://localhost:8080/p/P2C-1", null, address);

        Properties props = new Properties();
        props.put("mail.imap.host", mail.smtpHost());
        props.put("mail.imap.port", String.valueOf(mail.imapPort()));
        try (Store store = Session.getInstance(props).getStore("imap")) {
            store.connect(address, "any password");
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertThat(inbox.getMessageCount()).isEqualTo(1);
            assertThat(inbox.getMessage(1).getSubject()).isEqualTo("Your pledge was validated");
            inbox.close(false);
        }
    }

    private static void send(String from, String subject, String text, String html, String... to) throws Exception {
        Properties props = new Properties();
        props.put("mail.smtp.host", mail.smtpHost());
        props.put("mail.smtp.port", String.valueOf(mail.smtpPort()));
        MimeMessage message = new MimeMessage(Session.getInstance(props));
        message.setFrom(new InternetAddress(from));
        for (String address : to) {
            message.addRecipient(Message.RecipientType.TO, new InternetAddress(address));
        }
        message.setSubject(subject, "UTF-8");
        if (html == null) {
            message.setText(text, "UTF-8");
        } else {
            MimeBodyPart plain = new MimeBodyPart();
            plain.setText(text, "UTF-8");
            MimeBodyPart rich = new MimeBodyPart();
            rich.setText(html, "UTF-8", "html");
            message.setContent(new MimeMultipart("alternative", plain, rich));
        }
        Transport.send(message);
    }
}
