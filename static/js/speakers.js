// Speakers list and chair's view: tick the speaking clocks, and keep the chair's board current.
// Both pages work without this script: they show the start time and the time at page load.
(function () {
  "use strict";

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function format(seconds) {
    seconds = Math.max(0, Math.floor(seconds));
    var hours = Math.floor(seconds / 3600);
    var minutes = Math.floor((seconds % 3600) / 60);
    var rest = seconds % 60;
    return hours ? hours + ":" + pad(minutes) + ":" + pad(rest) : pad(minutes) + ":" + pad(rest);
  }

  // Server time minus this computer's time, so a wrong clock here does not skew the count.
  function readClocks(root) {
    root.querySelectorAll("[data-clock]").forEach(function (clock) {
      var started = Date.parse(clock.getAttribute("data-started-at"));
      var serverNow = Date.parse(clock.getAttribute("data-server-now"));
      if (isNaN(started)) return;
      clock.startedAt = started;
      clock.skew = isNaN(serverNow) ? 0 : serverNow - Date.now();
    });
  }

  function tick() {
    document.querySelectorAll("[data-clock]").forEach(function (clock) {
      if (clock.startedAt === undefined) return;
      var text = format((Date.now() + clock.skew - clock.startedAt) / 1000);
      if (clock.textContent !== text) clock.textContent = text;
    });
  }

  readClocks(document);
  tick();
  window.setInterval(tick, 1000);

  // The chair's view: fetch the board again now and then; replace it only when speakers changed.
  var holder = document.querySelector("[data-board-url]");
  if (!holder || !window.fetch || !window.DOMParser) return;
  var url = holder.getAttribute("data-board-url");
  var seconds = Number(holder.getAttribute("data-refresh-seconds")) || 5;

  function state(node) {
    var board = node && node.querySelector(".chair-board");
    return board ? board.getAttribute("data-state") : null;
  }

  function refresh() {
    if (document.hidden) return;
    fetch(url, { credentials: "same-origin", cache: "no-store" })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (!html) return;
        var fresh = new DOMParser().parseFromString("<div>" + html + "</div>", "text/html").body.firstChild;
        if (!fresh || !fresh.querySelector(".chair-board")) return;
        if (state(fresh) !== state(holder)) {
          holder.replaceChildren.apply(holder, Array.prototype.slice.call(fresh.childNodes));
        } else {
          var shown = holder.querySelector("[data-clock]");
          var sent = fresh.querySelector("[data-clock]");
          if (shown && sent) shown.setAttribute("data-server-now", sent.getAttribute("data-server-now"));
        }
        readClocks(holder);
        tick();
      })
      .catch(function () { /* offline for a moment: keep the board shown */ });
  }

  window.setInterval(refresh, seconds * 1000);
  document.addEventListener("visibilitychange", refresh);
})();
