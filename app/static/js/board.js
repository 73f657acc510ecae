/* RATKO pages: the carving board (Sortable drag and drop saved with htmx, keyboard moves, polling refresh for a
   second person, announcements), fast row entry of the task inventory, and small form helpers.
   No inline script (CSP script-src 'self'); configuration comes from the markup. */
(function () {
  "use strict";

  var dragging = false;
  var inflight = 0;

  function board() { return document.getElementById("board"); }

  function csrfToken() {
    var meta = document.querySelector('meta[name="csrf-token"]');
    return meta ? meta.content : "";
  }

  // ---- Announcements (aria-live) and focus after the board is re-rendered -------------------------------------
  function announce(message) {
    var region = document.getElementById("board-announce");
    if (!region || !message) { return; }
    region.textContent = "";
    window.setTimeout(function () { region.textContent = message; }, 60);
  }

  document.addEventListener("ratko-announce", function (event) {
    var detail = event.detail || {};
    announce(detail.message);
    var active = document.activeElement;
    var lost = !active || active === document.body || !document.documentElement.contains(active);
    if (detail.focus && lost) {
      var target = document.getElementById(detail.focus);
      if (target) { target.focus({preventScroll: false}); }
    }
  });

  // ---- Drag and drop -------------------------------------------------------------------------------------------
  function columnIds(list) {
    var ids = [];
    list.querySelectorAll(":scope > .task-card").forEach(function (card) { ids.push(card.dataset.taskId); });
    return ids.join(",");
  }

  function submitMove(card, columnKey, list) {
    var form = card.querySelector("form.move-form");
    if (!form) { return; }
    // htmx wires up a swapped-in board only when it settles; a key pressed in between must not fall back to a
    // full-page submit (which reloads the page and loses the announcement).
    if (window.htmx) { window.htmx.process(form); }
    form.elements.to.value = columnKey;
    form.elements.order.value = list ? columnIds(list) : "";
    if (form.requestSubmit) { form.requestSubmit(); } else { htmx.trigger(form, "submit"); }
  }

  function initSortable(root) {
    if (typeof window.Sortable === "undefined" || !root || root.dataset.editable !== "1") { return; }
    root.querySelectorAll(".task-list").forEach(function (list) {
      if (list.dataset.sortable === "1") { return; }
      list.dataset.sortable = "1";
      window.Sortable.create(list, {
        group: "ratko-board",
        animation: 150,
        forceFallback: true,
        fallbackOnBody: true,
        fallbackTolerance: 4,
        // On a touch screen a card is picked up by holding it a moment, so a swipe still scrolls the uncarved list
        delay: 180,
        delayOnTouchOnly: true,
        touchStartThreshold: 6,
        filter: "select, button, input, label, a",
        preventOnFilter: false,
        ghostClass: "card-ghost",
        chosenClass: "card-chosen",
        dragClass: "card-drag",
        onStart: function () { dragging = true; document.body.classList.add("is-dragging"); },
        onEnd: function (evt) {
          dragging = false;
          document.body.classList.remove("is-dragging");
          if (evt.from === evt.to && evt.oldIndex === evt.newIndex) { return; }
          submitMove(evt.item, evt.to.dataset.column, evt.to);
        }
      });
    });
  }

  // ---- Keyboard: 0-9 moves the focused card, arrows walk between cards -----------------------------------------
  document.addEventListener("keydown", function (event) {
    var card = event.target;
    if (!card.classList || !card.classList.contains("task-card") || event.altKey || event.ctrlKey || event.metaKey) {
      return;
    }
    var select = card.querySelector("form.move-form select");
    if (/^[0-9]$/.test(event.key) && select) {
      var index = parseInt(event.key, 10);
      if (index < select.options.length && select.selectedIndex !== index) {
        event.preventDefault();
        submitMove(card, select.options[index].value, null);
      }
      return;
    }
    var cards = Array.prototype.slice.call(document.querySelectorAll("#board .task-card"));
    var here = cards.indexOf(card);
    var next = null;
    if (event.key === "ArrowDown") { next = card.nextElementSibling; }
    if (event.key === "ArrowUp") { next = card.previousElementSibling; }
    if (event.key === "ArrowRight" || event.key === "ArrowLeft") {
      var columns = Array.prototype.slice.call(document.querySelectorAll("#board .task-list"));
      var column = columns.indexOf(card.parentElement);
      var step = event.key === "ArrowRight" ? 1 : -1;
      for (var i = column + step; i >= 0 && i < columns.length; i += step) {
        if (columns[i].firstElementChild) { next = columns[i].firstElementChild; break; }
      }
    }
    if (next && here >= 0) {
      event.preventDefault();
      next.focus();
    }
  });

  // ---- Polling refresh for the second person: skipped while dragging or while a move is on its way -------------
  document.addEventListener("htmx:beforeRequest", function (event) {
    var elt = event.detail.elt;
    if (elt && elt.classList && elt.classList.contains("board-poll")) {
      var active = document.activeElement;
      var busySelect = active && active.tagName === "SELECT" && board() && board().contains(active);
      if (dragging || inflight > 0 || document.hidden || busySelect) { event.preventDefault(); }
      return;
    }
    var target = event.detail.target;
    if (target && target.id === "board") {
      inflight += 1;
      var poller = document.querySelector("#board .board-poll");
      if (poller) { htmx.trigger(poller, "htmx:abort"); }
    }
  });

  document.addEventListener("htmx:afterRequest", function (event) {
    var elt = event.detail.elt;
    var target = event.detail.target;
    if (target && target.id === "board" && !(elt.classList && elt.classList.contains("board-poll"))) {
      inflight = Math.max(0, inflight - 1);
    }
    // Quick forms above the board: empty them after a successful save (fields marked data-keep stay).
    if (elt && elt.classList && elt.classList.contains("js-quick") && event.detail.successful) {
      elt.querySelectorAll("input[type=text]:not([data-keep])").forEach(function (input) { input.value = ""; });
      var first = elt.querySelector("input[type=text]:not([data-keep])");
      if (first && document.activeElement && elt.contains(document.activeElement)) { first.focus(); }
    }
  });

  // A new board is usable at once: process its htmx attributes right after the swap, not only after settling.
  document.addEventListener("htmx:afterSwap", function () {
    var root = board();
    if (root && window.htmx) { window.htmx.process(root); }
  });

  // Sortable leaves style attributes on cards; htmx would copy them onto the new board while settling, which the
  // CSP (style-src 'self') refuses. Drop them just before the board is replaced.
  document.addEventListener("htmx:beforeSwap", function (event) {
    var target = event.detail.target;
    if (target && target.id === "board") {
      target.removeAttribute("style");
      target.querySelectorAll("[style]").forEach(function (el) { el.removeAttribute("style"); });
    }
  });

  // A move that never reached the server: say so and show the board as it really is.
  document.addEventListener("htmx:sendError", function (event) {
    var target = event.detail.target;
    var root = board();
    if (target && target.id === "board" && root && root.dataset.url) {
      inflight = 0;
      announce(root.dataset.offline || "");
      window.setTimeout(function () {
        htmx.ajax("GET", root.dataset.url, {target: "#board", swap: "outerHTML",
                                              headers: {"X-CSRFToken": csrfToken()}});
      }, 1500);
    }
  });

  document.addEventListener("htmx:afterSettle", function (event) {
    initSortable(board());
    var focus = document.querySelector("[data-autofocus]");
    if (focus) {
      focus.removeAttribute("data-autofocus");
      focus.focus();
    }
  });

  // ---- Task inventory rows: Enter anywhere in the row saves it; Escape cancels an edit --------------------------
  document.addEventListener("keydown", function (event) {
    var el = event.target;
    var row = el.closest ? el.closest("form.task-entry, form.task-edit") : null;
    if (!row) { return; }
    if (event.key === "Enter" && (el.tagName === "SELECT" || el.type === "checkbox")) {
      event.preventDefault();
      if (row.requestSubmit) { row.requestSubmit(); }
    }
    if (event.key === "Escape" && row.classList.contains("task-edit")) {
      var cancel = row.querySelector(".js-cancel");
      if (cancel) { event.preventDefault(); cancel.click(); }
    }
  });

  // ---- Fields shown only for some values of a select (status → revisit date / outcome) -------------------------
  function reveal(select) {
    var form = select.form;
    if (!form) { return; }
    form.querySelectorAll("[data-shown-when]").forEach(function (box) {
      var values = box.dataset.shownWhen.split(" ");
      box.classList.toggle("hidden", values.indexOf(select.value) < 0);
    });
  }
  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches("select[data-reveals]")) { reveal(event.target); }
  });

  // ---- Phase stepper: a link to a phase opens its (collapsed) panel --------------------------------------------
  function openPhase(hash) {
    if (!hash || hash.indexOf("#phase-") !== 0) { return; }
    var panel = document.getElementById(hash.slice(1));
    if (panel && panel.tagName === "DETAILS") { panel.open = true; }
  }
  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest('a[href^="#phase-"]') : null;
    if (link) { openPhase(link.getAttribute("href")); }
  });
  window.addEventListener("hashchange", function () { openPhase(window.location.hash); });

  // ---- Projector view: large type, no navigation ---------------------------------------------------------------
  function setProjector(on) {
    document.body.classList.toggle("projector", on);
    document.querySelectorAll(".js-projector").forEach(function (button) {
      button.setAttribute("aria-pressed", on ? "true" : "false");
    });
    try { window.localStorage.setItem("ratko-projector", on ? "1" : "0"); } catch (e) { /* private mode */ }
  }
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest(".js-projector")) {
      setProjector(!document.body.classList.contains("projector"));
    }
  });

  function start() {
    document.querySelectorAll("select[data-reveals]").forEach(reveal);
    openPhase(window.location.hash);
    if (board()) {
      initSortable(board());
      var stored = null;
      try { stored = window.localStorage.getItem("ratko-projector"); } catch (e) { stored = null; }
      if (stored === "1") { setProjector(true); }
    }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
