package org.p2c.notification.api;

import io.quarkus.security.Authenticated;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.p2c.notification.service.SettingsBook;
import org.p2c.support.api.Caller;
import org.p2c.support.problem.ProblemException;

/** The signed-in person's choice of mails: the platform's news of their entities and pledges, reminders, digests. */
@Path("/api/v1/notifications/settings")
@Tag(name = "Notifications", description = "The mails the platform sends, and who receives which")
@Produces(MediaType.APPLICATION_JSON)
public class SettingsResource {

    private static final String EXAMPLE = """
            {"updates": true, "reminders": false, "digest": true}""";

    @Schema(name = "NotificationSettings", description = "Which mails the person receives; all on until they turn one off")
    public record SettingsView(
            @Schema(description = "Mails about their entities, pledges and collaborations (verified, validated, returned, ...)",
                    example = "true") boolean updates,
            @Schema(description = "Reminders of progress reports due in 30 days and overdue", example = "false") boolean reminders,
            @Schema(description = "The Secretariat's daily digest of what entered its queue", example = "true") boolean digest) {
    }

    @Schema(name = "NotificationSettingsChange", description = "The person's new choice, every category named")
    public record SettingsChange(
            @NotNull @Schema(required = true, example = "true") Boolean updates,
            @NotNull @Schema(required = true, example = "false") Boolean reminders,
            @NotNull @Schema(required = true, example = "true") Boolean digest) {
    }

    private final SettingsBook book;
    private final Caller caller;

    public SettingsResource(SettingsBook book, Caller caller) {
        this.book = book;
        this.caller = caller;
    }

    @GET
    @Authenticated
    @SecurityRequirement(name = "itu")
    @Operation(operationId = "getNotificationSettings", summary = "The signed-in person's notification settings",
            description = "Which mails the signed-in person receives: updates on their entities and pledges, report "
                    + "reminders, the Secretariat's daily digest. Everything is on until the person turns it off, here "
                    + "or by a mail's unsubscribe link. People only: a partner system receives no mail.")
    @APIResponse(responseCode = "200", description = "The person's settings", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SettingsView.class),
            examples = @ExampleObject(name = "reminders off", value = EXAMPLE)))
    @APIResponse(responseCode = "403", description = "The caller is a partner system, not a person")
    public SettingsView get() {
        return view(book.of(person()));
    }

    @PUT
    @Authenticated
    @SecurityRequirement(name = "itu")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "putNotificationSettings", summary = "Change the signed-in person's notification settings",
            description = "Turns each category of mail on or off for the signed-in person; every category must be "
                    + "named. Mails already sent stay sent; a mail not sent yet follows the new choice.")
    @APIResponse(responseCode = "200", description = "The settings as they now are", content = @Content(
            mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SettingsView.class),
            examples = @ExampleObject(name = "reminders off", value = EXAMPLE)))
    @APIResponse(responseCode = "400", description = "A category is missing or not a boolean; violations name it")
    @APIResponse(responseCode = "403", description = "The caller is a partner system, not a person")
    public SettingsView put(@Valid @NotNull SettingsChange change) {
        return view(book.choose(person(), new SettingsBook.Choice(change.updates(), change.reminders(), change.digest())));
    }

    private String person() {
        if (!caller.isPerson()) {
            throw new ProblemException(403, "forbidden", "Forbidden", "Only a person has notification settings");
        }
        return caller.subject();
    }

    private static SettingsView view(SettingsBook.Choice choice) {
        return new SettingsView(choice.updates(), choice.reminders(), choice.digest());
    }
}
