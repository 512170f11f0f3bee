// Minutes editor: show the preview without leaving the page, and warn before unsaved text is lost.
// Without this script, Preview posts the form back and the page shows the preview.
(function () {
  "use strict";
  var form = document.querySelector("[data-minutes-form]");
  if (!form) return;
  var body = form.querySelector("textarea[name='body']");
  var saved = body ? body.value : "";
  var submitting = false;

  form.addEventListener("submit", function () { submitting = true; });
  window.addEventListener("beforeunload", function (event) {
    if (!submitting && body && body.value !== saved) {
      event.preventDefault();
      event.returnValue = "";
    }
  });

  var button = form.querySelector("[data-preview-url]");
  var region = document.querySelector("[data-preview-target]");
  var target = region && region.querySelector("[data-preview-body]");
  if (!button || !target || !window.fetch || !window.FormData) return;

  button.addEventListener("click", function (event) {
    event.preventDefault();
    var data = new FormData(form);
    data.delete("save");
    fetch(button.getAttribute("data-preview-url"), {
      method: "POST", body: data, credentials: "same-origin",
    })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        return response.text();
      })
      .then(function (html) {
        // Rendered and sanitized by the server (markup.render_markdown).
        var parsed = new DOMParser().parseFromString(html, "text/html");
        target.replaceChildren.apply(target, Array.prototype.slice.call(parsed.body.childNodes));
        region.hidden = false;
        region.scrollIntoView({ block: "nearest" });
      })
      .catch(function () {
        submitting = true;
        form.requestSubmit(button);  // fall back to the page's own preview
      });
  });
})();
