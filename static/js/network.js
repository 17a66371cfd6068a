// The interactive network (/network/): d3-force (static/vendor/d3/, loaded before this file)
// moves the nodes the server drew, starting from the server's layout, and lets them be dragged.
// The nodes stay the server's <a> links to the profiles; the edges stay one <path>, redrawn.
//
// Keyboard: the drawing is one tab stop (a roving tabindex): the arrow keys go to the nearest
// node in that direction, a linked one first; Home and End to the first and last node; Enter
// follows the link. Without this script every node is a link in the tab order, and a skip link
// before the drawing leads past it (templates/atlas/network.html).
(function () {
  "use strict";
  var d3 = window.d3;
  var BIG = 3000; // nodes from which the simulation only runs while a node is dragged
  var DIRECTIONS = {
    ArrowRight: [1, 0], ArrowLeft: [-1, 0], ArrowDown: [0, 1], ArrowUp: [0, -1]
  };

  function setUp(svg) {
    var edges = svg.querySelector(".atlas__edges");
    var anchors = svg.querySelectorAll("a.atlas__node");
    if (!edges || !anchors.length) { return; }
    var unit = Number(svg.getAttribute("data-unit")) || 10;

    var nodes = Array.prototype.map.call(anchors, function (anchor, i) {
      var shape = anchor.querySelector("circle, rect");
      var node = { number: i, anchor: anchor, shape: shape, neighbours: [] };
      if (shape.tagName === "circle") {
        node.x = Number(shape.getAttribute("cx"));
        node.y = Number(shape.getAttribute("cy"));
        node.r = Number(shape.getAttribute("r"));
      } else {
        node.half = Number(shape.getAttribute("width")) / 2;
        node.x = Number(shape.getAttribute("x")) + node.half;
        node.y = Number(shape.getAttribute("y")) + node.half;
        node.r = node.half / 0.9;
      }
      node.homeX = node.x;
      node.homeY = node.y;
      anchor.setAttribute("data-node", String(i));
      return node;
    });
    var numbers = (edges.getAttribute("data-links") || "").split(" ").filter(Boolean).map(Number);
    var links = [];
    for (var k = 0; k + 1 < numbers.length; k += 2) {
      var source = nodes[numbers[k]], target = nodes[numbers[k + 1]];
      if (source && target) {
        links.push({ source: source, target: target });
        source.neighbours.push(target);
        target.neighbours.push(source);
      }
    }

    function draw() {
      var d = [];
      links.forEach(function (link) {
        d.push("M" + link.source.x.toFixed(0) + " " + link.source.y.toFixed(0) +
               "L" + link.target.x.toFixed(0) + " " + link.target.y.toFixed(0));
      });
      edges.setAttribute("d", d.join(""));
      nodes.forEach(function (node) {
        if (node.half === undefined) {
          node.shape.setAttribute("cx", node.x.toFixed(1));
          node.shape.setAttribute("cy", node.y.toFixed(1));
        } else {
          node.shape.setAttribute("x", (node.x - node.half).toFixed(1));
          node.shape.setAttribute("y", (node.y - node.half).toFixed(1));
        }
      });
    }

    // The server's layout is the starting point and, weakly, the place each node returns to:
    // the parts of the graph stay where the server packed them.
    var simulation = d3.forceSimulation(nodes)
      .force("link", d3.forceLink(links).distance(unit))
      .force("charge", d3.forceManyBody().strength(-unit * unit / 30).distanceMax(unit * 8))
      .force("collide", d3.forceCollide(function (node) { return node.r * 1.15; }))
      .force("x", d3.forceX(function (node) { return node.homeX; }).strength(0.06))
      .force("y", d3.forceY(function (node) { return node.homeY; }).strength(0.06))
      .alpha(0.25)
      .on("tick", draw)
      .on("end", function () { svg.setAttribute("data-force", "settled"); });
    var still = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    if (still || nodes.length > BIG) {
      simulation.stop();
      svg.setAttribute("data-force", "ready");
    } else {
      svg.setAttribute("data-force", "running");
    }

    // Dragging a node (mouse, pen or finger); a drag is not a click on the link, nor a pan of
    // the drawing (static/js/atlas.js pans when the drag starts elsewhere).
    function toDrawing(event) {
      var point = svg.createSVGPoint();
      point.x = event.clientX;
      point.y = event.clientY;
      return point.matrixTransform(svg.getScreenCTM().inverse());
    }
    var held = null, dragged = false;
    svg.addEventListener("pointerdown", function (event) {
      dragged = false;
      var anchor = event.target.closest ? event.target.closest("a.atlas__node") : null;
      if (!anchor || event.button !== 0) { return; }
      event.stopPropagation();
      held = { node: nodes[Number(anchor.getAttribute("data-node"))], x: event.clientX,
               y: event.clientY, pointer: event.pointerId };
    }, true);
    svg.addEventListener("pointermove", function (event) {
      if (!held) { return; }
      if (!dragged) {
        if (Math.abs(event.clientX - held.x) + Math.abs(event.clientY - held.y) < 4) { return; }
        dragged = true;
        svg.setPointerCapture(held.pointer);
        svg.setAttribute("data-force", "running");
        simulation.alphaTarget(0.3).restart();
      }
      var at = toDrawing(event);
      held.node.fx = at.x;
      held.node.fy = at.y;
    });
    function release() {
      if (!held) { return; }
      if (dragged) {
        var node = held.node;
        node.homeX = node.fx;
        node.homeY = node.fy;
        node.fx = node.fy = null;
        simulation.alphaTarget(0);
      }
      held = null;
    }
    svg.addEventListener("pointerup", release);
    svg.addEventListener("pointercancel", release);
    svg.addEventListener("click", function (event) {
      if (dragged) { event.preventDefault(); event.stopPropagation(); dragged = false; }
    }, true);
    svg.addEventListener("dragstart", function (event) { event.preventDefault(); });

    // One tab stop, the arrow keys between nodes.
    var current = nodes[0];
    nodes.forEach(function (node) { node.anchor.setAttribute("tabindex", "-1"); });
    current.anchor.setAttribute("tabindex", "0");
    function choose(node, focus) {
      current.anchor.setAttribute("tabindex", "-1");
      current = node;
      current.anchor.setAttribute("tabindex", "0");
      if (focus) { current.anchor.focus(); }
    }
    // The closest of `candidates` within 45° of the direction, or none.
    function nearest(from, direction, candidates) {
      var best = null, bestScore = Infinity;
      candidates.forEach(function (node) {
        var dx = node.x - from.x, dy = node.y - from.y;
        var along = dx * direction[0] + dy * direction[1];
        var across = Math.abs(dx * direction[1] - dy * direction[0]);
        if (node === from || along <= 0 || across > along) { return; }
        var score = along + 2 * across;
        if (score < bestScore) { best = node; bestScore = score; }
      });
      return best;
    }
    svg.addEventListener("focusin", function (event) {
      var anchor = event.target.closest ? event.target.closest("a.atlas__node") : null;
      if (anchor) { choose(nodes[Number(anchor.getAttribute("data-node"))], false); }
    });
    svg.addEventListener("keydown", function (event) {
      var anchor = event.target.closest ? event.target.closest("a.atlas__node") : null;
      if (!anchor || event.altKey || event.ctrlKey || event.metaKey) { return; }
      var from = nodes[Number(anchor.getAttribute("data-node"))];
      var direction = DIRECTIONS[event.key], to = null;
      if (direction) {
        to = nearest(from, direction, from.neighbours) || nearest(from, direction, nodes);
      } else if (event.key === "Home") {
        to = nodes[0];
      } else if (event.key === "End") {
        to = nodes[nodes.length - 1];
      } else {
        return;
      }
      event.preventDefault();
      if (to) { choose(to, true); }
    });

    var hint = document.querySelector("[data-network-hint]");
    if (hint) { hint.hidden = false; }
  }

  if (!d3 || !d3.forceSimulation) { return; }
  document.querySelectorAll("svg[data-network]").forEach(setUp);
})();
