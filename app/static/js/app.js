/* RATKO workbench: small behaviours, no inline script (CSP script-src 'self'). */
(function () {
  "use strict";

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.content : "";
  }

  // Every htmx request carries the CSRF token (RELIABILITY.md 2.1, option 2).
  document.addEventListener("htmx:configRequest", function (event) {
    event.detail.headers["X-CSRFToken"] = csrfToken();
  });

  // Confirmation for destructive buttons without hx-confirm's eval-free limits.
  document.addEventListener("submit", function (event) {
    var button = event.submitter || event.target.querySelector("[data-confirm]");
    var message = (button && button.dataset && button.dataset.confirm) || event.target.dataset.confirm;
    if (message && !window.confirm(message)) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);
  document.addEventListener("htmx:confirm", function (event) {
    var elt = event.detail.elt;
    var message = elt && elt.dataset ? elt.dataset.confirm : null;
    if (message && elt.tagName !== "FORM" && !window.confirm(message)) {
      event.preventDefault();
    }
  });

  // Selects that submit their form on change (language switcher, filters without a button).
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (el.classList && el.classList.contains("js-autosubmit") && el.form) {
      if (el.form.requestSubmit) { el.form.requestSubmit(); } else { el.form.submit(); }
    }
  });

  // Mobile navigation toggle.
  document.addEventListener("click", function (event) {
    var toggle = event.target.closest(".nav-toggle");
    if (toggle) {
      var open = toggle.getAttribute("aria-expanded") === "true";
      toggle.setAttribute("aria-expanded", open ? "false" : "true");
      document.body.classList.toggle("nav-open", !open);
    }
    var closer = event.target.closest("[data-close-modal]");
    if (closer) {
      var dialog = document.getElementById("modal");
      if (dialog && dialog.open) { dialog.close(); }
    }
  });

  // The modal dialog opens when htmx puts content into it and closes on request. Focus goes to its first field,
  // stays inside while it is open (Tab wraps around) and goes back to the control that opened it (or, if a swap
  // replaced that control, to the one with the same id) when it closes; Escape closes it (the browser's own).
  var opener = null;
  document.addEventListener("htmx:afterSwap", function (event) {
    var dialog = document.getElementById("modal");
    if (!dialog) { return; }
    if (event.detail.target && event.detail.target.id === "modal-body") {
      if (event.detail.target.innerHTML.trim() === "") {
        if (dialog.open) { dialog.close(); }
      } else if (!dialog.open) {
        var from = event.detail.requestConfig && event.detail.requestConfig.elt;
        opener = (from && from !== document.body) ? from : document.activeElement;
        dialog.showModal();
        var first = dialog.querySelector("[autofocus]") ||
          dialog.querySelector("form input:not([type=hidden]), form select, form textarea") || focusables(dialog)[0];
        if (first) { first.focus(); }
      }
    }
  });
  function focusables(root) {
    return Array.prototype.filter.call(root.querySelectorAll(
      "a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select:not([disabled]), " +
      "textarea:not([disabled]), summary, [tabindex]:not([tabindex='-1'])"), function (el) {
      return el.getClientRects().length > 0;
    });
  }
  document.addEventListener("keydown", function (event) {
    var dialog = document.getElementById("modal");
    if (event.key !== "Tab" || !dialog || !dialog.open) { return; }
    var items = focusables(dialog);
    if (!items.length) { return; }
    var first = items[0], last = items[items.length - 1];
    if (event.shiftKey && (document.activeElement === first || !dialog.contains(document.activeElement))) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (document.activeElement === last || !dialog.contains(document.activeElement))) {
      event.preventDefault();
      first.focus();
    }
  });
  function returnFocus() {
    var target = opener;
    opener = null;
    if (target && !target.isConnected && target.id) { target = document.getElementById(target.id); }
    if (!target || !target.isConnected) { target = document.getElementById("main"); }
    if (target) { target.focus(); }
  }
  document.addEventListener("close-modal", function () {
    var dialog = document.getElementById("modal");
    if (dialog && dialog.open) { dialog.close(); }
  });
  document.addEventListener("close", function (event) {
    if (event.target.id === "modal") {
      var body = document.getElementById("modal-body");
      if (body) { body.innerHTML = ""; }
      returnFocus();
    }
  }, true);

  // htmx swaps keep the keyboard user in place: an answer with errors (422) or a conflict (409) focuses its error
  // summary, conflict box or first invalid field; a swap that removed the focused control focuses the updated region
  // (htmx itself moves focus to a new control with the same id). Regions loading on their own take no focus.
  var focusedBeforeSwap = null;
  document.addEventListener("htmx:beforeSwap", function () { focusedBeforeSwap = document.activeElement; });
  function focusRegion(el) {
    if (!el.matches("a[href], button, input, select, textarea, [tabindex]")) { el.setAttribute("tabindex", "-1"); }
    el.focus();
  }
  document.addEventListener("htmx:afterSettle", function (event) {
    var target = event.detail.target, status = event.detail.xhr ? event.detail.xhr.status : 0;
    if (target && !target.isConnected) { target = target.id ? document.getElementById(target.id) : null; }
    if (!target) { return; }
    if (status === 422 || status === 409) {
      var problem = target.querySelector(".error-summary, .conflict, [aria-invalid=true]");
      if (problem) { focusRegion(problem); return; }
    }
    var lost = focusedBeforeSwap && focusedBeforeSwap !== document.body && !focusedBeforeSwap.isConnected;
    var active = document.activeElement;
    if (lost && (!active || active === document.body)) { focusRegion(target); return; }
    // Focus stayed where it was (typing in a filter): the new result count is read out from a lasting live region.
    var count = target.matches(".result-count, [data-announce]") ? target :
      target.querySelector(".result-count, [data-announce]");
    var announcer = document.getElementById("announcer");
    if (count && announcer && focusedBeforeSwap && focusedBeforeSwap !== document.body && !target.contains(active)) {
      announcer.textContent = "";
      window.setTimeout(function () { announcer.textContent = count.textContent.trim(); }, 50);
    }
  });
  // A page answering a form with errors starts at its error summary.
  function focusErrorSummary() {
    var summary = document.querySelector("main .error-summary");
    if (summary) { summary.focus(); }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", focusErrorSummary);
  } else {
    focusErrorSummary();
  }

  // A box that scrolls sideways (a wide table on a phone) can be scrolled by keyboard: it takes focus when it scrolls.
  function scrollersFocusable() {
    document.querySelectorAll(".table-wrap, [data-scrolls]").forEach(function (box) {
      var scrolls = box.scrollWidth > box.clientWidth + 1;
      if (scrolls && !box.hasAttribute("tabindex")) {
        box.setAttribute("tabindex", "0");
        box.dataset.scrollFocus = "1";
        if (!box.getAttribute("aria-label")) {
          var caption = box.querySelector("caption");
          box.setAttribute("role", "group");
          box.setAttribute("aria-label", caption ? caption.textContent.trim() : (document.body.dataset.scrollTable || ""));
        }
      } else if (!scrolls && box.dataset.scrollFocus) {
        box.removeAttribute("tabindex");
        delete box.dataset.scrollFocus;
      }
    });
  }
  document.addEventListener("htmx:afterSettle", scrollersFocusable);
  window.addEventListener("resize", scrollersFocusable);
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", scrollersFocusable);
  } else {
    scrollersFocusable();
  }

  // Flash messages from htmx responses scroll into view.
  document.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail.target && event.detail.target.id === "messages") {
      event.detail.target.scrollIntoView({block: "nearest"});
    }
  });

  // On a phone, long filter forms show their first field and a button for the rest (unless a filter is in use).
  function hasValue(field) {
    var control = field.querySelector("select, input:not([type=hidden]):not([type=radio])");
    if (!control) { return false; }
    if (control.type === "checkbox") { return control.checked; }
    if (control.tagName === "SELECT") { return control.selectedIndex > 0; }
    return control.value !== "";
  }
  function collapseFilters() {
    if (!window.matchMedia || !window.matchMedia("(max-width: 699px)").matches) { return; }
    var labels = document.body.dataset;
    document.querySelectorAll("form.filters").forEach(function (form) {
      var fields = Array.prototype.slice.call(form.querySelectorAll(".field"));
      if (form.dataset.collapsible || fields.length < 4) { return; }
      form.dataset.collapsible = "1";
      if (fields.slice(1).some(hasValue)) { return; }
      var button = document.createElement("button");
      button.type = "button";
      button.className = "button small filter-toggle";
      button.textContent = labels.filtersShow || "More filters";
      button.setAttribute("aria-expanded", "false");
      button.addEventListener("click", function () {
        var collapsed = form.classList.toggle("collapsed");
        button.textContent = collapsed ? (labels.filtersShow || "More filters") : (labels.filtersHide || "Fewer filters");
        button.setAttribute("aria-expanded", collapsed ? "false" : "true");
      });
      form.classList.add("collapsed");
      fields[0].insertAdjacentElement("afterend", button);
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", collapseFilters);
  } else {
    collapseFilters();
  }

  // Nothing typed is lost: a lost connection during an htmx request leaves the form as it is and says so.
  document.addEventListener("htmx:sendError", function () {
    var messages = document.getElementById("messages");
    if (!messages) { return; }
    var note = document.createElement("p");
    note.className = "flash flash-error";
    note.setAttribute("role", "alert");
    note.textContent = document.body.dataset.offline || "The connection was lost.";
    messages.replaceChildren(note);
  });

  // Full-page forms keep a draft of what was typed until a page that is not an error page follows the submit:
  // after a 500 or a lost connection, going back to the form brings the text back (unless the record has changed
  // since, which the version field tells).
  var DRAFT = "ratko-draft:";
  function draftKey(form) { return DRAFT + (form.getAttribute("action") || location.pathname); }
  function fieldsOf(form) {
    return Array.prototype.filter.call(form.elements, function (el) {
      return el.name && el.name !== "csrf_token" && el.type !== "file" && el.type !== "password" &&
        el.type !== "submit" && el.type !== "button";
    });
  }
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || (form.method || "").toLowerCase() !== "post" || form.hasAttribute("hx-post") ||
        form.hasAttribute("data-hx-post") || form.hasAttribute("data-no-draft")) { return; }  // codes: never kept
    var values = fieldsOf(form).map(function (el) {
      return [el.name, (el.type === "checkbox" || el.type === "radio") ? (el.checked ? el.value : null) : el.value];
    });
    try { sessionStorage.setItem(draftKey(form), JSON.stringify({path: location.pathname, at: Date.now(), values: values})); }
    catch (ignored) { /* storage full or disabled: the server keeps the input on every error it can answer */ }
  });
  function arrivedByRedirect() {
    var entries = window.performance && performance.getEntriesByType ? performance.getEntriesByType("navigation") : [];
    return entries.length > 0 && entries[0].redirectCount > 0;
  }
  function restoreDrafts() {
    // A submit that got any answer but an error page went through (a redirect after the save, or a page answering
    // the POST itself, such as the form again with its errors and the input kept): its draft goes. An error page
    // keeps it. A draft still there when its form is shown again means the answer never came (a 500 or a lost
    // connection): the form gets the text back, unless the record has changed since.
    var body = document.body;
    var restored = false;
    Object.keys(sessionStorage).forEach(function (key) {
      if (key.indexOf(DRAFT) !== 0) { return; }
      var draft = JSON.parse(sessionStorage.getItem(key) || "{}");
      if (body.hasAttribute("data-error-page")) { return; }
      if (body.hasAttribute("data-post-response") || arrivedByRedirect() ||
          !(Date.now() - (draft.at || 0) < 12 * 3600 * 1000)) {
        sessionStorage.removeItem(key);
        return;
      }
      var form = Array.prototype.find.call(document.querySelectorAll("form"), function (f) {
        return draftKey(f) === key && draft.path === location.pathname;
      });
      if (!form) { return; }
      sessionStorage.removeItem(key);
      var version = form.querySelector("input[name=version]");
      var saved = (draft.values || []).filter(function (pair) { return pair[0] === "version"; })[0];
      if (version && saved && saved[1] !== version.value) { return; }
      var byName = {};
      (draft.values || []).forEach(function (pair) { (byName[pair[0]] = byName[pair[0]] || []).push(pair[1]); });
      fieldsOf(form).forEach(function (el) {
        var list = byName[el.name];
        if (!list || el.type === "hidden") { return; }
        if (el.type === "checkbox" || el.type === "radio") { el.checked = list.indexOf(el.value) !== -1; }
        else if (el.tagName === "SELECT" && el.multiple) {
          Array.prototype.forEach.call(el.options, function (o) { o.selected = list.indexOf(o.value) !== -1; });
        } else { el.value = list.shift(); }
      });
      restored = true;
    });
    var messages = document.getElementById("messages");
    if (restored && messages) {
      var note = document.createElement("p");
      note.className = "flash";
      note.setAttribute("role", "status");
      note.textContent = document.body.dataset.draftRestored || "";
      messages.prepend(note);
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", restoreDrafts);
  } else {
    restoreDrafts();
  }

  // Print buttons.
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) { window.print(); }
  });
})();
