package io.timetracker.connector.github.rest;

import io.smallrye.mutiny.Uni;
import io.timetracker.connector.github.service.SecretMaintenance;
import io.timetracker.connector.kit.crypto.ReEncryptionReport;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Operator actions (role {@code admin}). */
@Path("/api/integrations/github/admin")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "admin")
public class AdminResource {

  private final SecretMaintenance secrets;

  /** Collaborators. */
  public AdminResource(SecretMaintenance secrets) {
    this.secrets = secrets;
  }

  @POST
  @Path("/re-encrypt-secrets")
  @Operation(
      operationId = "githubReEncryptSecrets",
      summary = "Move every stored secret to the keyset's primary key (after a key rotation)")
  @APIResponse(responseCode = "200", description = "What was moved, refused and left")
  @APIResponse(responseCode = "403", description = "forbidden: role admin required")
  @APIResponse(responseCode = "503", description = "encryption_unavailable")
  public Uni<ReEncryptionReport> reEncrypt() {
    return secrets.reEncrypt();
  }
}
