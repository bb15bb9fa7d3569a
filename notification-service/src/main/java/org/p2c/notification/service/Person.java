package org.p2c.notification.service;

import java.util.Locale;

/**
 * Whom a mail goes to, as the identity provider knows them at sending time (never stored here, never in an event).
 *
 * @param language the mail's language: {@code fr} or {@code en}
 */
public record Person(String subject, String email, String firstName, String language) {

    /** French when the account's locale says so; English otherwise (the platform's default). */
    public static String languageOf(String locale) {
        return locale != null && locale.toLowerCase(Locale.ROOT).startsWith("fr") ? "fr" : "en";
    }
}
