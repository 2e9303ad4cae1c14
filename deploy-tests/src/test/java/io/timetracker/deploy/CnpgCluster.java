package io.timetracker.deploy;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.util.List;
import java.util.Map;

/**
 * CloudNativePG's {@code Cluster}, the fields these manifests use. CloudNativePG publishes no Java
 * model, so this record is the typed model: a field it does not name fails the parse, and a new
 * field in the manifests has to be added here on purpose (names as in CloudNativePG's API
 * reference, postgresql.cnpg.io/v1).
 */
record CnpgCluster(String apiVersion, String kind, ObjectMeta metadata, Spec spec) {

  record Spec(
      int instances,
      String imageName,
      String primaryUpdateStrategy,
      Storage storage,
      ResourceRequirements resources,
      Postgresql postgresql,
      Managed managed) {}

  record Storage(String size) {}

  record Postgresql(Map<String, String> parameters) {}

  record Managed(List<Role> roles) {}

  record Role(String name, String ensure, boolean login, LocalRef passwordSecret) {}

  record LocalRef(String name) {}
}
