package io.timetracker.timer.service;

/** The admin-only guard used by services. */
final class Admins {
  private Admins() {}

  static void require(CurrentUser user) {
    if (!user.admin()) {
      throw ApiException.forbidden("admin_required", "Only an admin may do this.");
    }
  }
}
