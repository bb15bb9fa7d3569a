package org.p2c.local.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Header;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the local mail server's inboxes (GreenMail's HTTP API, {@code Platform.Running#mailApiUrl()} or
 * {@code P2C_TEST_MAIL_API_URL}) the way a person reads their mail: each message decoded from its raw MIME (encoded
 * headers, quoted-printable or base64 bodies, multipart alternatives) into its subject, sender, recipients, plain text,
 * HTML and the links it carries. It only reads: the mails stay for whoever reads them next.
 *
 * <pre>
 * MailInbox inbox = new MailInbox(platform.mailApiUrl());
 * await().until(() -&gt; inbox.messagesTo("x@example.org"), mails -&gt; !mails.isEmpty());
 * </pre>
 */
public final class MailInbox {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** A link in plain text ends at white space or at the brackets that mail templates put around links. */
    private static final Pattern TEXT_LINK = Pattern.compile("https?://[^\\s<>\"']+");
    private static final Pattern HTML_LINK = Pattern.compile("href\\s*=\\s*[\"'](https?://[^\"']+)[\"']", Pattern.CASE_INSENSITIVE);

    private final String apiUrl;

    public MailInbox(String apiUrl) {
        this.apiUrl = apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl;
    }

    /** A decoded mail. {@code text} or {@code html} is null when the mail has no such part. */
    public record Mail(String messageId, String from, List<String> to, String subject, Instant sentAt, String text,
                       String html, Map<String, List<String>> headers) {

        /** The http(s) links the mail carries, in order, each once: those of the plain text, then the HTML's hrefs. */
        public List<String> links() {
            List<String> links = new ArrayList<>();
            if (text != null) {
                Matcher m = TEXT_LINK.matcher(text);
                while (m.find()) {
                    add(links, m.group());
                }
            }
            if (html != null) {
                Matcher m = HTML_LINK.matcher(html);
                while (m.find()) {
                    add(links, m.group(1).replace("&amp;", "&"));
                }
            }
            return links;
        }

        /** The values of a header, by name in any case; empty when the mail has none. */
        public List<String> header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
        }

        private static void add(List<String> links, String link) {
            if (!links.contains(link)) {
                links.add(link);
            }
        }
    }

    /** Every mail delivered to this address so far, oldest first; none when nothing was ever sent to it. */
    public List<Mail> messagesTo(String address) {
        String path = "/api/user/" + URLEncoder.encode(address.trim(), StandardCharsets.UTF_8).replace("+", "%20") + "/messages/";
        HttpResponse<String> response;
        try {
            response = HTTP.send(HttpRequest.newBuilder(URI.create(apiUrl + path)).timeout(Duration.ofSeconds(10))
                    .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException("the mail server at " + apiUrl + " does not answer: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        // GreenMail creates a mailbox on the first delivery to an address; before that the address is "not found".
        if (response.statusCode() == 400 && response.body().contains("not found")) {
            return List.of();
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + ": " + response.statusCode() + " " + response.body());
        }
        try {
            List<Mail> mails = new ArrayList<>();
            for (JsonNode message : JSON.readTree(response.body())) {
                mails.add(decode(message.path("mimeMessage").asText()));
            }
            return Collections.unmodifiableList(mails);
        } catch (IOException | MessagingException e) {
            throw new IllegalStateException("a mail to " + address + " cannot be read: " + e.getMessage(), e);
        }
    }

    static Mail decode(String rawMime) throws MessagingException, IOException {
        MimeMessage message = new MimeMessage(Session.getInstance(new Properties()),
                new ByteArrayInputStream(rawMime.getBytes(StandardCharsets.UTF_8)));
        Bodies bodies = new Bodies();
        collect(message, bodies);
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (var all = message.getAllHeaders(); all.hasMoreElements(); ) {
            Header h = all.nextElement();
            headers.computeIfAbsent(h.getName().toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(h.getValue());
        }
        headers.replaceAll((k, v) -> List.copyOf(v));
        return new Mail(message.getMessageID(), first(message.getFrom()), addresses(message.getRecipients(Message.RecipientType.TO)),
                message.getSubject(), message.getSentDate() == null ? null : message.getSentDate().toInstant(),
                bodies.text, bodies.html, Collections.unmodifiableMap(headers));
    }

    private static final class Bodies {
        String text;
        String html;
    }

    /** The first text/plain and the first text/html part that are not attachments, however deep in the multiparts. */
    private static void collect(Part part, Bodies bodies) throws MessagingException, IOException {
        if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            return;
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                collect(child, bodies);
            }
        } else if (part.isMimeType("text/plain") && bodies.text == null) {
            bodies.text = part.getContent().toString();
        } else if (part.isMimeType("text/html") && bodies.html == null) {
            bodies.html = part.getContent().toString();
        }
    }

    private static String first(Address[] addresses) {
        if (addresses == null || addresses.length == 0) {
            return null;
        }
        return addresses[0] instanceof InternetAddress ia ? ia.toUnicodeString() : addresses[0].toString();
    }

    private static List<String> addresses(Address[] addresses) {
        if (addresses == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Address a : addresses) {
            out.add(a instanceof InternetAddress ia ? ia.getAddress() : a.toString());
        }
        return List.copyOf(out);
    }
}
