/* Passkeys (WebAuthn): register one on the security page, use one at login. The server makes the options and checks
   the answers (py_webauthn); this file only converts between JSON (base64url) and the browser's ArrayBuffers. */
(function () {
  "use strict";

  function toBytes(text) {
    var base64 = text.replace(/-/g, "+").replace(/_/g, "/");
    while (base64.length % 4) { base64 += "="; }
    var raw = atob(base64);
    var bytes = new Uint8Array(raw.length);
    for (var i = 0; i < raw.length; i++) { bytes[i] = raw.charCodeAt(i); }
    return bytes.buffer;
  }

  function toText(buffer) {
    if (!buffer) { return null; }
    var bytes = new Uint8Array(buffer);
    var raw = "";
    for (var i = 0; i < bytes.length; i++) { raw += String.fromCharCode(bytes[i]); }
    return btoa(raw).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.content : "";
  }

  function post(url, body) {
    return fetch(url, {
      method: "POST", credentials: "same-origin",
      headers: {"Content-Type": "application/json", "X-CSRFToken": csrfToken(), "Accept": "application/json"},
      body: JSON.stringify(body || {})
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (data) {
        if (!response.ok) { throw new Error(data.error || ""); }
        return data;
      });
    });
  }

  function showError(button, message) {
    var target = document.getElementById(button.dataset.errorTarget || "");
    if (!target) { return; }
    target.textContent = message || button.dataset.errorCancelled || "";
    target.hidden = false;
    target.setAttribute("tabindex", "-1");
    target.focus();
  }

  function descriptors(list) {
    return (list || []).map(function (item) {
      return {type: item.type, id: toBytes(item.id), transports: item.transports};
    });
  }

  function credentialJSON(credential, extra) {
    var response = credential.response;
    var json = {
      id: credential.id, rawId: toText(credential.rawId), type: credential.type,
      authenticatorAttachment: credential.authenticatorAttachment || null,
      clientExtensionResults: credential.getClientExtensionResults ? credential.getClientExtensionResults() : {},
      response: {clientDataJSON: toText(response.clientDataJSON)}
    };
    Object.keys(extra).forEach(function (key) { json.response[key] = extra[key]; });
    return json;
  }

  function supported(button) {
    if (window.PublicKeyCredential && navigator.credentials) { return true; }
    showError(button, button.dataset.errorUnsupported);
    return false;
  }

  function register(button) {
    var nameField = document.getElementById(button.dataset.nameField || "");
    post(button.dataset.optionsUrl).then(function (options) {
      options.challenge = toBytes(options.challenge);
      options.user.id = toBytes(options.user.id);
      options.excludeCredentials = descriptors(options.excludeCredentials);
      return navigator.credentials.create({publicKey: options});
    }).then(function (credential) {
      var response = credential.response;
      var credentialData = credentialJSON(credential, {
        attestationObject: toText(response.attestationObject),
        transports: response.getTransports ? response.getTransports() : []
      });
      return post(button.dataset.verifyUrl, {name: nameField ? nameField.value : "", credential: credentialData});
    }).then(function (data) {
      window.location.assign(data.redirect);
    }).catch(function (error) {
      button.disabled = false;
      showError(button, error && error.name === "Error" ? error.message : "");
    });
  }

  function login(button) {
    post(button.dataset.optionsUrl).then(function (options) {
      options.challenge = toBytes(options.challenge);
      options.allowCredentials = descriptors(options.allowCredentials);
      return navigator.credentials.get({publicKey: options});
    }).then(function (credential) {
      var response = credential.response;
      return post(button.dataset.verifyUrl, credentialJSON(credential, {
        authenticatorData: toText(response.authenticatorData),
        signature: toText(response.signature),
        userHandle: toText(response.userHandle)
      }));
    }).then(function (data) {
      window.location.assign(data.redirect);
    }).catch(function (error) {
      button.disabled = false;
      showError(button, error && error.name === "Error" ? error.message : "");
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-passkey-register], [data-passkey-login]");
    if (!button || !supported(button)) { return; }
    event.preventDefault();
    button.disabled = true;
    if (button.hasAttribute("data-passkey-register")) { register(button); } else { login(button); }
  });
})();
