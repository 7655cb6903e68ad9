// Tell the partner page how tall the widget's content is, so its iframe can fit, growing and shrinking
// (the snippet's listener finds the iframe by the window that sent the message, so several frames can share a page).
(function () {
  "use strict";
  var last = 0;
  function send() {
    // The body's own height: documentElement.scrollHeight never falls below the iframe's current height.
    var height = Math.ceil(document.body.getBoundingClientRect().height);
    if (height === last) return;
    last = height;
    parent.postMessage({ type: "praevention-widget-height", height: height }, "*");
  }
  window.addEventListener("load", send);
  if (window.ResizeObserver) new ResizeObserver(send).observe(document.body);
})();
