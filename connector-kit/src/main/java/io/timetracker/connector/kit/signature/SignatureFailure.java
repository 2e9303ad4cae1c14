package io.timetracker.connector.kit.signature;

/** Why a webhook signature was rejected; each reason is distinct so logs and tests can tell. */
public enum SignatureFailure {
  /** No shared secret is configured: nothing can be verified, so everything is rejected. */
  MISSING_SECRET,
  /** The signature header is absent or blank. */
  MISSING_SIGNATURE,
  /** The signature lacks its scheme prefix ({@code sha256=} for GitHub, {@code v0=} for Slack). */
  MISSING_PREFIX,
  /** The prefix is there, but the rest is not 64 hexadecimal digits. */
  MALFORMED_SIGNATURE,
  /** Well-formed, but not the HMAC of this body under this secret. */
  MISMATCH,
  /** Slack only: the request timestamp header is absent or blank. */
  MISSING_TIMESTAMP,
  /** Slack only: the request timestamp is not a number of epoch seconds. */
  MALFORMED_TIMESTAMP,
  /** Slack only: the timestamp is older than the allowed window (possible replay). */
  STALE_TIMESTAMP,
  /** Slack only: the timestamp is further in the future than the allowed window. */
  FUTURE_TIMESTAMP
}
