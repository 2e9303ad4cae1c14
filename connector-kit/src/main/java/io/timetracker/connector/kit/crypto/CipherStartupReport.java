package io.timetracker.connector.kit.crypto;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Says at startup whether secrets can be stored, so a missing key is seen before the first save.
 */
@ApplicationScoped
public class CipherStartupReport {

  private static final Logger LOG = Logger.getLogger(CipherStartupReport.class);

  void onStart(@Observes StartupEvent event, SecretCipher cipher) {
    CipherStatus status = cipher.status();
    if (status.ready()) {
      LOG.infof(
          "secret encryption ready: primary key %s, %d key(s) in the keyset",
          status.primaryKeyId(), status.keyCount());
    } else {
      LOG.warnf(
          "secret encryption NOT ready (%s): secrets will not be stored until"
              + " connector.crypto.keyset is set; readiness reports DOWN",
          status.reason());
    }
  }
}
