// Confirms a Slack account link: posts the token from /tt link to connector-slack (through the
// gateway, as the signed-in person) and says how it went.
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("slack-link-form");
  const message = document.getElementById("slack-link-message");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const response = await fetch("/api/integrations/slack/link", {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json", "X-Requested-With": "JavaScript" },
      body: JSON.stringify({ token: document.getElementById("slack-link-token").value }),
    });
    let data = {};
    try {
      data = await response.json();
    } catch (e) {
      data = {};
    }
    message.dataset.kind = response.ok ? "ok" : "error";
    message.textContent = response.ok
      ? "Linked. /tt in Slack now acts as you."
      : data.detail || data.error || "Linking failed (HTTP " + response.status + ")";
  });
});
