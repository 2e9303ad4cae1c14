package io.timetracker.deploy;

import io.fabric8.kubernetes.api.model.ObjectMeta;

/**
 * CloudNativePG's {@code Database} (postgresql.cnpg.io/v1), the fields these manifests use; typed
 * here for the same reason as {@link CnpgCluster}.
 */
record CnpgDatabase(String apiVersion, String kind, ObjectMeta metadata, Spec spec) {

  record Spec(
      String name, String owner, String ensure, String databaseReclaimPolicy, ClusterRef cluster) {}

  record ClusterRef(String name) {}
}
