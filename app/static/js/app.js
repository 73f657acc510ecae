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

  // The modal dialog opens when htmx puts content into it and closes on request.
  document.addEventListener("htmx:afterSwap", function (event) {
    var dialog = document.getElementById("modal");
    if (!dialog) { return; }
    if (event.detail.target && event.detail.target.id === "modal-body") {
      if (event.detail.target.innerHTML.trim() === "") {
        if (dialog.open) { dialog.close(); }
      } else if (!dialog.open) {
        dialog.showModal();
        var first = dialog.querySelector("[autofocus], input:not([type=hidden]), select, textarea, button");
        if (first) { first.focus(); }
      }
    }
  });
  document.addEventListener("close-modal", function () {
    var dialog = document.getElementById("modal");
    if (dialog && dialog.open) { dialog.close(); }
  });
  document.addEventListener("close", function (event) {
    if (event.target.id === "modal") {
      var body = document.getElementById("modal-body");
      if (body) { body.innerHTML = ""; }
    }
  }, true);

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

  // Print buttons.
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) { window.print(); }
  });
})();
