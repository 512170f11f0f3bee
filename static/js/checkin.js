// Check-in desk: refresh the arrival counts now and then. The page works without this script.
(function () {
  "use strict";
  var box = document.querySelector("[data-counts-url]");
  if (!box || !window.fetch) return;
  var url = box.getAttribute("data-counts-url");
  var seconds = Number(box.getAttribute("data-refresh-seconds")) || 15;

  function show(counts) {
    Object.keys(counts).forEach(function (key) {
      box.querySelectorAll('[data-count="' + key + '"]').forEach(function (cell) {
        var text = String(counts[key]);
        if (cell.textContent !== text) cell.textContent = text;
      });
    });
  }

  function refresh() {
    if (document.hidden) return;
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (data) { if (data && data.counts) show(data.counts); })
      .catch(function () { /* offline for a moment: keep the numbers shown */ });
  }

  window.setInterval(refresh, seconds * 1000);
  document.addEventListener("visibilitychange", refresh);
})();
