package org.p2c.notification.service;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.p2c.notification.domain.MailKind;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.Optional;

/**
 * The token of an unsubscribe link: it names a person and a category of mail, signed with HMAC-SHA256 under the key
 * {@code p2c.notifications.unsubscribe-key}, so a link works without a login and cannot be made up for someone else.
 * Form: {@code base64url(subject + "|" + category) + "." + base64url(hmac)}.
 */
@ApplicationScoped
public class UnsubscribeTokens {

    /** Whom a valid token names and for what. */
    public record Claim(String subject, MailKind.Category category) {
    }

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final byte[] key;

    public UnsubscribeTokens(@ConfigProperty(name = "p2c.notifications.unsubscribe-key") String key) {
        this.key = key.getBytes(StandardCharsets.UTF_8);
    }

    public String issue(String subject, MailKind.Category category) {
        byte[] claim = (subject + "|" + category.name()).getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(claim) + "." + ENCODER.encodeToString(sign(claim));
    }

    /** @return empty for anything but a token this key signed */
    public Optional<Claim> read(String token) {
        if (token == null) {
            return Optional.empty();
        }
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.')) {
            return Optional.empty();
        }
        try {
            byte[] claim = DECODER.decode(token.substring(0, dot));
            byte[] signature = DECODER.decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(sign(claim), signature)) {
                return Optional.empty();
            }
            String text = new String(claim, StandardCharsets.UTF_8);
            int bar = text.lastIndexOf('|');
            if (bar <= 0) {
                return Optional.empty();
            }
            return Optional.of(new Claim(text.substring(0, bar), MailKind.Category.valueOf(text.substring(bar + 1))));
        } catch (IllegalArgumentException notOurs) {
            return Optional.empty();
        }
    }

    private byte[] sign(byte[] claim) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(claim);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
