package io.timetracker.timer.service;

/**
 * The connector calling the service API, with what is bound to it: the source it writes (its
 * external references start with {@code <source>:}) and the identity provider it may use. Both are
 * null for a client that may write neither.
 */
public record ServiceClient(String clientId, String source, String identityProvider) {

  /** 403 {@code source_not_allowed} unless this client writes {@code requested}. */
  public void requireSource(String requested) {
    if (source == null || !source.equals(requested)) {
      throw ApiException.forbidden(
          "source_not_allowed",
          "Client " + clientId + " may not write source " + requested + allowed(source) + ".");
    }
  }

  /**
   * 403 {@code external_ref_not_owned} unless the reference is in this client's namespace ({@code
   * <source>:…}); a null reference passes.
   */
  public void requireRef(String externalRef) {
    if (externalRef == null) {
      return;
    }
    if (source == null || !externalRef.startsWith(source + ":")) {
      throw ApiException.forbidden(
          "external_ref_not_owned",
          "Client "
              + clientId
              + " may only use external references starting with "
              + (source == null ? "its own source (none is configured)" : source + ":")
              + ".");
    }
  }

  /** 403 {@code identity_provider_not_allowed} unless this client may use the provider. */
  public void requireProvider(String provider) {
    if (identityProvider == null || !identityProvider.equals(provider)) {
      throw ApiException.forbidden(
          "identity_provider_not_allowed",
          "Client "
              + clientId
              + " may not use identities of "
              + provider
              + allowed(identityProvider)
              + ".");
    }
  }

  private static String allowed(String value) {
    return value == null ? " (it has no binding)" : " (only " + value + ")";
  }
}
