// Personal connectors page: fills each card from the gateway's user API with the sign-in session
// and drives Save / Test / Sync / Disconnect. No framework, no build step.
"use strict";

const STATE_TEXT = {
  connected: "Connected",
  not_connected: "Not connected",
  unavailable: "Unavailable",
  loading: "Loading…",
};
let githubConnection = null;

async function api(method, path, body) {
  const headers = { Accept: "application/json", "X-Requested-With": "JavaScript" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(path, {
    method,
    headers,
    credentials: "same-origin",
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 499) {
    // the sign-in session ended: sign in again and come back
    window.location.reload();
    throw new Error("signed out");
  }
  const text = await response.text();
  let data = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch (e) {
    data = null;
  }
  return { status: response.status, ok: response.ok, data };
}

function problemText(answer) {
  const d = answer.data || {};
  if (d.error) return d.error;
  if (d.detail) return d.detail;
  if (d.message) return d.message;
  return "Failed (HTTP " + answer.status + ")";
}

function say(provider, text, kind) {
  const el = document.getElementById("message-" + provider);
  el.textContent = text;
  el.dataset.kind = kind || "info";
}

function setState(provider, state, extra) {
  const el = document.getElementById("state-" + provider);
  el.dataset.state = state;
  el.textContent = (STATE_TEXT[state] || state) + (extra ? " · " + extra : "");
}

function fact(list, term, value) {
  if (value === null || value === undefined || value === "") return;
  const dt = document.createElement("dt");
  dt.textContent = term;
  const dd = document.createElement("dd");
  dd.textContent = value;
  list.append(dt, dd);
}

function when(instant) {
  return instant ? new Date(instant).toLocaleString() : null;
}

function showStatus(card) {
  const list = document.getElementById("status-" + card.provider);
  list.replaceChildren();
  setState(card.provider, card.state);
  const s = card.status;
  if (card.state === "unavailable") {
    fact(list, "Service", "The connector does not answer right now; try again later.");
    return;
  }
  if (!s || !s.connected) return;
  fact(list, "Last sync", when(s.lastSyncAt) || "never");
  fact(list, "Last sync result", s.lastSyncStatus);
  fact(list, "Last error", s.lastError);
  if (s.health) {
    fact(list, "Health", s.health.state + (s.health.detail ? ": " + s.health.detail : ""));
    if (s.health.detail && /re-?consent|reconnect/i.test(s.health.detail)) {
      setState(card.provider, card.state, "reconnect needed");
    }
  }
}

async function refreshCards() {
  const answer = await api("GET", "/api/integrations");
  if (!answer.ok) {
    document.getElementById("page-message").textContent = problemText(answer);
    return;
  }
  answer.data.connectors.forEach(showStatus);
}

function githubForm() {
  const project = document.getElementById("github-project").value;
  const body = {
    repository: document.getElementById("github-repository").value.trim(),
    defaultProjectId: project ? Number(project) : null,
    labelFilter: document.getElementById("github-label").value.trim() || null,
    autoStart: document.getElementById("github-autostart").checked,
  };
  const token = document.getElementById("github-token").value;
  if (token) body.token = token;
  return body;
}

function showGithubConnection(connection) {
  githubConnection = connection;
  document.getElementById("github-connection").value = connection ? connection.id : "";
  const repository = document.getElementById("github-repository");
  repository.readOnly = Boolean(connection);
  document.getElementById("github-webhook").hidden = !connection;
  document.getElementById("github-deliveries-box").hidden = !connection;
  document.getElementById("github-secret-box").hidden = true;
  document.getElementById("github-webhook-secret").value = "";
  if (!connection) {
    // a blank form for the next connection, not the disconnected one's values
    ["github-repository", "github-project", "github-label", "github-webhook-url"].forEach((id) => {
      document.getElementById(id).value = "";
    });
    document.getElementById("github-autostart").checked = false;
    document.querySelector("#github-deliveries tbody").replaceChildren();
    return;
  }
  repository.value = connection.repository;
  document.getElementById("github-project").value = connection.defaultProjectId || "";
  document.getElementById("github-label").value = connection.labelFilter || "";
  document.getElementById("github-autostart").checked = Boolean(connection.autoStart);
  document.getElementById("github-webhook-url").value = connection.webhookUrl;
}

function showSecret(created) {
  showGithubConnection(created.connection);
  document.getElementById("github-webhook-url").value = created.webhookUrl;
  document.getElementById("github-webhook-secret").value = created.webhookSecret;
  document.getElementById("github-secret-box").hidden = false;
}

async function loadGithub() {
  const answer = await api("GET", "/api/integrations/github/connections");
  if (!answer.ok) {
    say("github", problemText(answer), "error");
    return;
  }
  showGithubConnection(answer.data.length ? answer.data[0] : null);
  document.getElementById("github-token").placeholder = "leave empty to keep the stored token";
  if (githubConnection) await loadDeliveries();
}

async function loadDeliveries() {
  const base = "/api/integrations/github/connections/" + githubConnection.id;
  const answer = await api("GET", base + "/deliveries?size=10");
  const body = document.querySelector("#github-deliveries tbody");
  body.replaceChildren();
  if (!answer.ok) return;
  answer.data.items.forEach((d) => {
    const row = document.createElement("tr");
    [when(d.receivedAt), d.event + (d.action ? "." + d.action : ""), d.status + (d.lastError ? ": " + d.lastError : "")].forEach((text) => {
      const cell = document.createElement("td");
      cell.textContent = text;
      row.append(cell);
    });
    const cell = document.createElement("td");
    const again = document.createElement("button");
    again.type = "button";
    again.className = "secondary";
    again.textContent = "Redeliver";
    again.addEventListener("click", async () => {
      const r = await api("POST", base + "/deliveries/" + d.id + "/redeliver");
      say("github", r.ok ? "Delivery queued again." : problemText(r), r.ok ? "ok" : "error");
      await loadDeliveries();
    });
    cell.append(again);
    row.append(cell);
    body.append(row);
  });
}

async function saveGithub(event) {
  event.preventDefault();
  const body = githubForm();
  const answer = githubConnection
    ? await api("PUT", "/api/integrations/github/connections/" + githubConnection.id + "/config", body)
    : await api("POST", "/api/integrations/github/connections", body);
  if (!answer.ok) {
    say("github", problemText(answer), "error");
    return;
  }
  document.getElementById("github-token").value = "";
  if (answer.status === 201) {
    showSecret(answer.data);
    say("github", "Saved. Copy the webhook URL and the secret into GitHub now: the secret is shown only once.", "ok");
  } else {
    showGithubConnection(answer.data.settings);
    say("github", "Saved.", "ok");
  }
  await refreshCards();
}

function connectionQuery(provider) {
  return provider === "github" && githubConnection ? "?connection=" + githubConnection.id : "";
}

async function runAction(provider, action) {
  const q = connectionQuery(provider);
  let answer;
  if (action === "test") {
    say(provider, "Testing…");
    answer = await api("POST", "/api/integrations/" + provider + "/test" + q);
    if (answer.ok && answer.data && "ok" in answer.data && answer.data.message !== undefined) {
      setState(provider, document.getElementById("state-" + provider).dataset.state, answer.data.ok ? "test passed" : "test failed");
      say(provider, (answer.data.ok ? "Test passed: " : "Test failed: ") + answer.data.message, answer.data.ok ? "ok" : "error");
      return;
    }
  } else if (action === "sync") {
    answer = await api("POST", "/api/integrations/" + provider + "/sync" + q);
    if (answer.ok && answer.data && answer.data.jobId) {
      say(provider, "Sync queued.", "ok");
      return;
    }
  } else if (action === "disconnect") {
    if (!window.confirm("Disconnect and delete the stored secrets?")) return;
    answer = await api("DELETE", "/api/integrations/" + provider + "/config" + q);
    if (answer.ok) {
      say(provider, "Disconnected.", "ok");
      // the next of the person's connections, or a blank form
      if (provider === "github") await loadGithub();
      await refreshCards();
      return;
    }
  }
  say(provider, problemText(answer), "error");
}

async function rotateSecret() {
  const answer = await api("POST", "/api/integrations/github/connections/" + githubConnection.id + "/webhook-secret");
  if (!answer.ok) {
    say("github", problemText(answer), "error");
    return;
  }
  showSecret(answer.data);
  say("github", "New secret: paste it into GitHub now; the old one keeps working for a while.", "ok");
}

async function copy(button) {
  const input = document.getElementById(button.dataset.copy);
  try {
    await navigator.clipboard.writeText(input.value);
  } catch (e) {
    input.select();
    document.execCommand("copy");
  }
  button.textContent = "Copied";
  setTimeout(() => (button.textContent = "Copy"), 1500);
}

document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("button[data-action]").forEach((button) => {
    const provider = button.closest(".card").dataset.provider;
    button.addEventListener("click", () => runAction(provider, button.dataset.action));
  });
  document.querySelectorAll("button.copy").forEach((b) => b.addEventListener("click", () => copy(b)));
  const form = document.getElementById("github-form");
  if (form) {
    form.addEventListener("submit", saveGithub);
    document.getElementById("github-rotate").addEventListener("click", rotateSecret);
    loadGithub();
  }
  refreshCards();
});
