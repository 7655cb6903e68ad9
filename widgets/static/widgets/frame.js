// Tell the partner page how tall the widget is, so its iframe can fit (see the builder's snippet).
(function () {
  "use strict";
  function send() {
    parent.postMessage({ type: "praevention-widget-height", height: document.documentElement.scrollHeight }, "*");
  }
  window.addEventListener("load", send);
  if (window.ResizeObserver) new ResizeObserver(send).observe(document.body);
})();
