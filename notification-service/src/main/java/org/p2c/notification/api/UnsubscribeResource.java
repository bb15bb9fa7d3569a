package org.p2c.notification.api;

import io.quarkus.qute.Template;
import io.quarkus.qute.Location;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.p2c.notification.service.SettingsBook;
import org.p2c.notification.service.UnsubscribeTokens;
import org.p2c.support.problem.ProblemException;

/**
 * The unsubscribe link every mail carries: no login, the signed token names the person and the category. GET shows
 * what the link would turn off and a button; POST turns it off (the button, and a mail client's one-click
 * unsubscribe of RFC 8058, which posts {@code List-Unsubscribe=One-Click} to the same URL).
 */
@Path("/api/v1/notifications/unsubscribe")
@Tag(name = "Notifications", description = "The mails the platform sends, and who receives which")
public class UnsubscribeResource {

    /** Longer than any token this service signs (a subject of up to 255 characters, a category, a signature). */
    static final int MAX_TOKEN = 512;

    private final UnsubscribeTokens tokens;
    private final SettingsBook book;
    private final Template confirm;
    private final Template done;

    public UnsubscribeResource(UnsubscribeTokens tokens, SettingsBook book,
                               @Location("unsubscribe/confirm.html") Template confirm,
                               @Location("unsubscribe/done.html") Template done) {
        this.tokens = tokens;
        this.book = book;
        this.confirm = confirm;
        this.done = done;
    }

    @GET
    @PermitAll
    @Produces(MediaType.TEXT_HTML)
    @Operation(operationId = "showUnsubscribe", summary = "The page of a mail's unsubscribe link",
            description = "Shows which mails the link turns off and a button that does it (a POST to the same URL). "
                    + "Opening the link changes nothing: mail scanners that follow links unsubscribe no one.")
    @APIResponse(responseCode = "200", description = "The confirmation page",
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "The token is missing, altered or not one this platform signed")
    public String show(@QueryParam("code") @Parameter(description = "The signed token of the mail's link",
            schema = @Schema(type = SchemaType.STRING, maxLength = MAX_TOKEN)) String token) {
        UnsubscribeTokens.Claim claim = claimOf(token);
        return confirm.data("category", claim.category().name().toLowerCase()).data("token", token).render();
    }

    @POST
    @PermitAll
    @Produces(MediaType.TEXT_HTML)
    @Operation(operationId = "unsubscribe", summary = "Turn off the mails a link names (one-click, RFC 8058)",
            description = "Turns off the category of mail the token names for the person it names; the other "
                    + "categories stay as they were. Posting again changes nothing. The body, if any (a mail "
                    + "client's List-Unsubscribe=One-Click), is not read.")
    @APIResponse(responseCode = "200", description = "Unsubscribed: a page that says so",
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "400", description = "The token is missing, altered or not one this platform signed")
    public String unsubscribe(@QueryParam("code") @Parameter(description = "The signed token of the mail's link",
            schema = @Schema(type = SchemaType.STRING, maxLength = MAX_TOKEN)) String token) {
        UnsubscribeTokens.Claim claim = claimOf(token);
        book.turnOff(claim.subject(), claim.category());
        return done.data("category", claim.category().name().toLowerCase()).render();
    }

    private UnsubscribeTokens.Claim claimOf(String token) {
        if (token == null || token.isBlank()) {
            throw ProblemException.invalidField(400, "code", "is required");
        }
        if (token.length() > MAX_TOKEN) {
            throw ProblemException.invalidField(400, "code", "must be at most " + MAX_TOKEN + " characters");
        }
        return tokens.read(token).orElseThrow(() ->
                ProblemException.invalidField(400, "code", "is not a valid unsubscribe token"));
    }
}
