package io.timetracker.gateway.client;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.rest.client.ext.ResponseExceptionMapper;

/** Every error answer of a connector becomes one {@link ConnectorAnswerException}. */
final class ConnectorResponseMapper implements ResponseExceptionMapper<ConnectorAnswerException> {

  @Override
  public ConnectorAnswerException toThrowable(Response response) {
    String body = response.hasEntity() ? response.readEntity(String.class) : "";
    return new ConnectorAnswerException(
        response.getStatus(),
        body,
        response.getHeaderString(HttpHeaders.CONTENT_TYPE),
        response.getHeaderString("Retry-After"));
  }

  @Override
  public boolean handles(int status, jakarta.ws.rs.core.MultivaluedMap<String, Object> headers) {
    return status >= 400;
  }
}
