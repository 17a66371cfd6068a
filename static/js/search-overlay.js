/* The header search box's results as you type (filled by htmx from /search/overlay/?q=…).
   Escape closes them and puts the focus back in the box; a click or focus elsewhere closes
   them too. Enter still submits the form to /search/. Without JavaScript none of this runs
   and the form simply goes to the search page. */
(function () {
  "use strict";

  function setUp(form) {
    var panel = document.getElementById(form.getAttribute("data-search-overlay"));
    var input = form.querySelector("input[name=q]");
    if (!panel || !input) return;
    // Set when the person closes the panel: a reply still on its way must not reopen it.
    var dismissed = false;

    function isOpen() {
      return panel.childElementCount > 0;
    }

    function close() {
      dismissed = true;
      if (window.htmx) window.htmx.trigger(input, "htmx:abort");
      panel.replaceChildren();
    }

    input.addEventListener("input", function () {
      dismissed = false;
    });

    form.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && isOpen()) {
        event.preventDefault(); // keep what was typed (a search box clears itself on Escape)
        close();
        input.focus();
      }
    });

    form.addEventListener("focusout", function (event) {
      if (event.relatedTarget && !form.contains(event.relatedTarget) && isOpen()) close();
    });

    document.addEventListener("click", function (event) {
      if (!form.contains(event.target) && isOpen()) close();
    });

    document.body.addEventListener("htmx:beforeSwap", function (event) {
      if (event.detail.target === panel && dismissed) event.detail.shouldSwap = false;
    });
  }

  function start() {
    document.querySelectorAll("form[data-search-overlay]").forEach(setUp);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
