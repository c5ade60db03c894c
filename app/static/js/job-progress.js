// A certificate job's page: asks the server every second how far the job is, until it is done or failed.
(function () {
  "use strict";
  var box = document.getElementById("job");
  if (!box) return;
  var bar = document.getElementById("job-progress");
  var text = document.getElementById("job-text");
  var download = document.getElementById("job-download");
  var messages = JSON.parse(document.getElementById("job-messages").textContent);

  function fill(template, status) {
    return template.replace("{done}", status.done).replace("{total}", status.total);
  }

  function show(status) {
    bar.value = status.percent;
    if (status.state === "done") {
      text.textContent = fill(messages.done, status);
      download.hidden = false;
    } else if (status.state === "failed") {
      text.textContent = status.error === "interrupted" ? messages.interrupted : messages.failed;
    } else {
      text.textContent = fill(messages.progress, status);
    }
    return status.state === "done" || status.state === "failed";
  }

  function poll() {
    fetch(box.dataset.statusUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; })
      .then(function (status) {
        if (status && show(status)) return;
        window.setTimeout(poll, 1000);
      })
      .catch(function () { window.setTimeout(poll, 3000); });
  }

  window.setTimeout(poll, 1000);
})();
