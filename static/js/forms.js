// Progressive enhancement only; every page works without this script.
(function () {
  "use strict";
  // After a failed submit the error summary takes the focus, so screen readers and keyboards start there.
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
  // Wide screens show the filters as a side panel: open the disclosure there (CSS does it where it can).
  var wide = window.matchMedia("(min-width: 52rem)");
  document.querySelectorAll("details.filter-toggle").forEach(function (details) {
    if (wide.matches) { details.open = true; }
  });
})();
