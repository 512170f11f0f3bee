// Registrations list: a "select all on this page" box. Without this script each row is ticked by hand.
(function () {
  "use strict";
  document.querySelectorAll("[data-select-all]").forEach(function (master) {
    var form = master.form;
    var name = master.getAttribute("data-select-all");
    var boxes = form ? form.querySelectorAll('input[type="checkbox"][name="' + name + '"]') : [];
    master.hidden = false;
    master.addEventListener("change", function () {
      boxes.forEach(function (box) { box.checked = master.checked; });
    });
  });
})();
