// The widget builder, improved where JavaScript runs (the GET form works without it):
// the preview and snippets follow every change at once, "Code kopieren" copies a snippet,
// and the preview iframe fits its content like a partner's would.
(function () {
  "use strict";
  var script = document.currentScript;
  var form = document.getElementById("widget-builder");
  var result = document.getElementById("widget-result");
  var status = document.getElementById("copy-status");
  if (!form || !result) return;

  function showCopyButtons() {
    result.querySelectorAll("button.copy").forEach(function (button) { button.hidden = false; });
  }

  var pending = null;
  function refresh() {
    var params = new URLSearchParams(new FormData(form)).toString();
    var request = pending = fetch("?" + params, { headers: { Accept: "text/html" } })
      .then(function (r) { return r.text(); })
      .then(function (html) {
        if (request !== pending) return; // a newer change is on its way
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("widget-result");
        if (fresh) { result.replaceChildren.apply(result, Array.from(fresh.childNodes)); showCopyButtons(); }
        history.replaceState(null, "", "?" + params);
      });
  }
  form.addEventListener("change", refresh);
  form.addEventListener("input", function (e) { if (e.target.type === "number") refresh(); });

  result.addEventListener("click", function (e) {
    var button = e.target.closest("button.copy");
    if (!button) return;
    var field = document.getElementById(button.getAttribute("data-copy"));
    var done = function () { status.textContent = script.getAttribute("data-copied"); };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(done);
    } else {
      field.select();
      document.execCommand("copy");
      done();
    }
  });

  window.addEventListener("message", function (e) {
    if (!e.data || e.data.type !== "praevention-widget-height") return;
    document.querySelectorAll("iframe[data-praevention-widget]").forEach(function (frame) {
      if (frame.contentWindow === e.source) frame.style.height = e.data.height + "px";
    });
  });
  showCopyButtons();
})();
