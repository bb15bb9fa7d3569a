package org.p2c.notification.service;

import java.util.List;
import java.util.Optional;

/** Where the addresses of the platform's people come from (config/KeycloakPeople: Keycloak's admin API). */
public interface People {

    /**
     * @return empty when no such account exists (deleted since)
     * @throws RuntimeException when the directory cannot answer now: the mail is tried again later
     */
    Optional<Person> find(String subject);

    /** Everyone with a realm role, e.g. the Secretariat. */
    List<Person> withRole(String role);
}
