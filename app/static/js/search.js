/* The header search box (issue 16): "/" focuses it, the arrow keys move through the answers, Enter opens the first
   one, Escape closes them. htmx fetches the answers; without JavaScript the form opens the results page. */
(function () {
  "use strict";

  function box() { return document.querySelector("[data-site-search]"); }
  function input() { return document.getElementById("site-search-q"); }
  function panel() { return document.getElementById("search-suggestions"); }
  function hits() {
    var p = panel();
    return p && !p.hidden ? Array.prototype.slice.call(p.querySelectorAll("a.search-hit")) : [];
  }
  function editable(el) {
    return el && (el.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName));
  }
  function show(open) {
    var p = panel();
    if (!p) { return; }
    p.hidden = !(open && p.querySelector(".search-hit, .search-empty"));
  }

  // "/" anywhere (but in a field) goes to the search box.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || editable(event.target)) { return; }
    var field = input();
    if (!field) { return; }
    event.preventDefault();
    field.focus();
    field.select();
  });

  // New answers: show them (or hide the panel when the box was emptied).
  document.addEventListener("htmx:afterSwap", function (event) {
    if (event.detail.target && event.detail.target.id === "search-suggestions") {
      show(document.activeElement === input() || box().contains(document.activeElement));
    }
  });

  // Arrow keys between the box and the answers; Escape closes them.
  document.addEventListener("keydown", function (event) {
    var form = box();
    if (!form || !form.contains(event.target)) { return; }
    var list = hits();
    var at = list.indexOf(event.target);
    if (event.key === "Escape") {
      if (panel() && !panel().hidden) {
        event.preventDefault();
        show(false);
        input().focus();
      }
      return;
    }
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") { return; }
    if (event.target === input()) {
      if (event.key === "ArrowDown" && list.length) {
        event.preventDefault();
        list[0].focus();
      }
      return;
    }
    if (at === -1) { return; }
    event.preventDefault();
    if (event.key === "ArrowDown") {
      list[Math.min(at + 1, list.length - 1)].focus();
    } else if (at === 0) {
      input().focus();
    } else {
      list[at - 1].focus();
    }
  });

  // Enter in the box opens the first answer when the answers are for what is in the box; otherwise the results page.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.hasAttribute || !form.hasAttribute("data-site-search")) { return; }
    var body = panel() && panel().querySelector("[data-query]");
    var list = hits();
    if (body && list.length && body.getAttribute("data-query") === input().value.trim()) {
      event.preventDefault();
      window.location.assign(list[0].href);
    }
  });

  // The answers stay open while the focus is in the search form and close when it leaves.
  document.addEventListener("focusin", function (event) {
    var form = box();
    if (form && event.target === input()) { show(true); }
  });
  document.addEventListener("focusout", function (event) {
    var form = box();
    if (form && form.contains(event.target) && event.relatedTarget && !form.contains(event.relatedTarget)) {
      show(false);
    }
  });
  document.addEventListener("pointerdown", function (event) {
    var form = box();
    if (form && !form.contains(event.target)) { show(false); }
  });
})();
