// Pan and zoom for the server-drawn map and network (every [data-atlas-map] SVG): buttons, the
// mouse wheel, dragging, and + / - / 0 keys while the map has focus. Without this script the
// page shows the same SVG, whose circles and shapes are links, and the same numbers as a table.
(function () {
  "use strict";
  var CLOSE = 3; // from this zoom on, a map of Europe shows its cities and regions

  function setUp(svg) {
    var start = svg.getAttribute("viewBox").split(/\s+/).map(Number);
    var view = start.slice();
    var closeAlready = svg.classList.contains("atlas__map--close");
    // Circles and labels keep their size on the screen as the map zooms.
    var found = svg.querySelectorAll(".atlas__circle circle, .atlas__circle text");
    var marks = Array.prototype.map.call(found, function (el) {
      return [el, Number(el.getAttribute(el.tagName === "text" ? "font-size" : "r")),
              Number(el.getAttribute("dy") || 0)];
    });

    function apply() {
      svg.setAttribute("viewBox", view.map(function (v) { return v.toFixed(1); }).join(" "));
      var zoomed = start[2] / view[2];
      marks.forEach(function (mark) {
        var el = mark[0];
        if (el.tagName === "text") {
          el.setAttribute("font-size", (mark[1] / zoomed).toFixed(1));
          el.setAttribute("dy", (mark[2] / Math.sqrt(zoomed)).toFixed(1));
        } else {
          el.setAttribute("r", (mark[1] / Math.sqrt(zoomed)).toFixed(1));
        }
      });
      if (!closeAlready) {
        svg.classList.toggle("atlas__map--close", start[2] / view[2] >= CLOSE);
      }
    }
    function zoom(factor, cx, cy) {
      var width = Math.min(start[2] * 1.5, Math.max(start[2] / 40, view[2] / factor));
      var f = view[2] / width;
      if (cx === undefined) { cx = view[0] + view[2] / 2; cy = view[1] + view[3] / 2; }
      view = [cx - (cx - view[0]) / f, cy - (cy - view[1]) / f, view[2] / f, view[3] / f];
      apply();
    }
    function toMap(event) {
      var box = svg.getBoundingClientRect();
      return [view[0] + (event.clientX - box.left) / box.width * view[2],
              view[1] + (event.clientY - box.top) / box.height * view[3]];
    }

    var bar = document.createElement("div");
    bar.className = "atlas__zoom";
    // The words come from the page (data-zoom-in…), in its language.
    var words = svg.dataset;
    [["+", words.zoomIn || "Zoom in", function () { zoom(1.6); }],
     ["−", words.zoomOut || "Zoom out", function () { zoom(1 / 1.6); }],
     [words.reset || "Reset", words.resetLabel || "Show the whole map",
      function () { view = start.slice(); apply(); }]
    ].forEach(function (spec) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = spec[0];
      button.setAttribute("aria-label", spec[1]);
      button.addEventListener("click", spec[2]);
      bar.appendChild(button);
    });
    svg.parentNode.insertBefore(bar, svg);

    svg.addEventListener("wheel", function (event) {
      event.preventDefault();
      var at = toMap(event);
      zoom(event.deltaY < 0 ? 1.25 : 0.8, at[0], at[1]);
    }, { passive: false });

    var drag = null, moved = false;
    svg.addEventListener("pointerdown", function (event) {
      drag = { x: event.clientX, y: event.clientY, view: view.slice() };
      moved = false;
    });
    svg.addEventListener("pointermove", function (event) {
      if (!drag) { return; }
      var box = svg.getBoundingClientRect();
      var dx = event.clientX - drag.x, dy = event.clientY - drag.y;
      if (Math.abs(dx) + Math.abs(dy) > 4) { moved = true; }
      if (!moved) { return; }
      view = [drag.view[0] - dx / box.width * view[2], drag.view[1] - dy / box.height * view[3],
              view[2], view[3]];
      apply();
    });
    window.addEventListener("pointerup", function () { drag = null; });
    // A drag that ends on a circle is not a click on it.
    svg.addEventListener("click", function (event) {
      if (moved) { event.preventDefault(); event.stopPropagation(); moved = false; }
    }, true);
    svg.addEventListener("keydown", function (event) {
      if (event.key === "+" || event.key === "=") { zoom(1.6); }
      else if (event.key === "-") { zoom(1 / 1.6); }
      else if (event.key === "0") { view = start.slice(); apply(); }
    });
  }

  document.querySelectorAll("[data-atlas-map]").forEach(setUp);
})();
