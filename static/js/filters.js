/* The lists' filter forms: the address htmx pushes carries only the filters in use, never
   "?q=&country=&type=…". Without JavaScript the browser sends the form as it is. */
(function () {
  "use strict";
  document.addEventListener("htmx:configRequest", function (event) {
    if (event.detail.verb !== "get") return;
    var parameters = event.detail.parameters;
    Object.keys(parameters).forEach(function (name) {
      if (parameters[name] === "") delete parameters[name];
    });
  });
})();
