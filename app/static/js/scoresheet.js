// The scoresheet saves itself: 800 ms after typing stops (and when a field loses focus) the form is posted
// to the sheet's draft address, and a failed save is retried with backoff. Until the server confirms, the
// edits are kept in localStorage with the values they were typed over (the "base"). After a reload, or on
// coming back to the sheet, an edit is put back where the server still holds its base: an edit the server
// already has, or a field someone changed meanwhile in another window, is left as the server has it, so the
// newer scores are never overwritten. A save refused as stale stops autosaving and offers a reload. Without
// JavaScript the form's own buttons still work.
(function () {
  "use strict";

  var form = document.querySelector("form[data-autosave]");
  if (!form) { return; }
  var sheetId = form.getAttribute("data-sheet-id");
  var draftUrl = form.getAttribute("data-draft-url");
  var rubricTotal = parseFloat(form.getAttribute("data-rubric-total")) || 100;
  var versionInput = document.getElementById("sheet-version");
  var statusLine = document.getElementById("save-status");
  var liveTotal = document.getElementById("live-total");
  var staleBox = document.getElementById("stale-notice");
  var messages = JSON.parse(document.getElementById("scoresheet-messages").textContent);
  var meta = document.querySelector('meta[name="csrf-token"]');
  var csrf = meta ? meta.getAttribute("content") : "";
  var KEY = "km-sheet:" + sheetId;
  var THAI_DIGITS = /[\u0E50-\u0E59]/g;

  var timer = null;
  var inFlight = null;
  var dirty = false;
  var stopped = false;
  var retryDelay = 2000;
  var base = null;  // the values the server last confirmed (set once the page is ready)

  function values() {
    var found = {};
    form.querySelectorAll("input[name^='score_'], textarea").forEach(function (field) {
      found[field.name] = field.value;
    });
    return found;
  }

  function store() {
    try {
      localStorage.setItem(KEY, JSON.stringify({ at: Date.now(), base: base, values: values() }));
    } catch (ignored) { /* storage full or disabled: the server copy is all we have */ }
  }

  function forget() {
    try { localStorage.removeItem(KEY); } catch (ignored) { /* nothing to forget */ }
  }

  function show(text) { statusLine.textContent = text; }

  function number(text) {
    var cleaned = (text || "").trim().replace(THAI_DIGITS, function (d) { return String(d.charCodeAt(0) - 0x0E50); });
    return cleaned === "" || isNaN(Number(cleaned)) ? null : Number(cleaned);
  }

  // The weighted total scaled so that full marks on every criterion make the rubric total (as the server does).
  function updateTotal() {
    var sum = 0;
    var best = 0;
    form.querySelectorAll("input.score-input").forEach(function (input) {
      var weight = parseFloat(input.getAttribute("data-weight")) || 1;
      var max = parseFloat(input.getAttribute("max")) || 0;
      var score = number(input.value);
      best += weight * max;
      if (score !== null) { sum += weight * score; }
    });
    var total = best ? sum * rubricTotal / best : 0;
    liveTotal.textContent = String(Math.round(total * 100) / 100);
  }

  function showErrors(errors) {
    form.querySelectorAll("fieldset.criterion").forEach(function (box) {
      var key = box.getAttribute("data-key");
      var line = document.getElementById("error-" + key);
      var input = document.getElementById("score-" + key);
      var message = errors && errors[key];
      line.textContent = message || "";
      line.hidden = !message;
      box.classList.toggle("has-error", Boolean(message));
      if (message) { input.setAttribute("aria-invalid", "true"); } else { input.removeAttribute("aria-invalid"); }
    });
  }

  function schedule(delay) {
    clearTimeout(timer);
    timer = setTimeout(save, delay);
  }

  function edited() {
    if (stopped) { return; }
    dirty = true;
    store();
    updateTotal();
    schedule(800);
  }

  function stop(text) {
    stopped = true;
    clearTimeout(timer);
    document.getElementById("stale-message").textContent = text;
    staleBox.hidden = false;
    show("");
  }

  function saved(data, sent) {
    versionInput.value = String(data.version);
    retryDelay = 2000;
    base = sent;
    if (dirty) { store(); } else { forget(); }  // edits made while this save was on its way stay kept
    showErrors(data.errors);
    var hasErrors = data.errors && Object.keys(data.errors).length > 0;
    show(hasErrors ? messages.partly : messages.saved.replace("{time}", data.saved_time));
    liveTotal.setAttribute("data-saved", data.total);
  }

  function failed() {
    dirty = true;
    store();
    show(messages.retry);
    schedule(retryDelay);
    retryDelay = Math.min(retryDelay * 2, 60000);
  }

  function answered(response, sent) {
    return response.json().catch(function () { return {}; }).then(function (data) {
      if (response.ok && data.ok) { saved(data, sent); }
      else if (response.status === 409) { stop(data.message || messages.stale); }
      else if (response.status >= 500) { failed(); }
      else { stop(messages.failed); }
    });
  }

  function save() {
    clearTimeout(timer);
    timer = null;
    if (stopped || !dirty || inFlight) { return inFlight || Promise.resolve(); }
    dirty = false;
    show(messages.saving);
    var body = new FormData(form);
    body.delete("action");
    var sent = values();
    inFlight = fetch(draftUrl, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": csrf, "Accept": "application/json" }
    }).then(function (response) { return answered(response, sent); }, failed).then(function () {
      inFlight = null;
      if (dirty && !stopped && timer === null) { schedule(800); }  // edits typed meanwhile; a retry may wait
    });
    return inFlight;
  }

  // Put back the edits the server has not got: only where the server still holds what the edit replaced.
  function restore() {
    var stored = null;
    try { stored = JSON.parse(localStorage.getItem(KEY) || "null"); } catch (ignored) { /* none */ }
    forget();
    if (!stored || !stored.values || !stored.base) { return; }
    var changed = false;
    var overtaken = false;
    Object.keys(stored.values).forEach(function (name) {
      var field = form.elements.namedItem(name);
      var typed = stored.values[name];
      var was = stored.base[name];
      if (!field || typed === was || field.value === typed) { return; }
      if (field.value === was) { field.value = typed; changed = true; } else { overtaken = true; }
    });
    if (changed) {
      show(overtaken ? messages.restoredPartly : messages.restored);
      dirty = true;
      updateTotal();
      save();
    } else if (overtaken) {
      show(messages.overtaken);
    }
  }

  form.addEventListener("input", function (event) {
    if (event.target.matches("input[name^='score_'], textarea")) { edited(); }
  });
  form.addEventListener("focusout", function (event) {
    if (dirty && event.target.matches("input, textarea")) { save(); }
  });
  form.addEventListener("submit", function (event) {
    var submitter = event.submitter;
    if (submitter && submitter.getAttribute("data-confirm") && !window.confirm(submitter.getAttribute("data-confirm"))) {
      event.preventDefault();
      return;
    }
    clearTimeout(timer);
    if (submitter && submitter.name) {  // a scripted submit() would not send the button's value
      var hidden = document.createElement("input");
      hidden.type = "hidden";
      hidden.name = submitter.name;
      hidden.value = submitter.value;
      form.appendChild(hidden);
    }
    stopped = true;
    forget();
    if (inFlight) {  // let the save on its way finish, so the form carries the version it produced
      event.preventDefault();
      inFlight.then(function () { HTMLFormElement.prototype.submit.call(form); });
    }
  });
  document.getElementById("reload-sheet").addEventListener("click", function () { window.location.reload(); });
  window.addEventListener("online", function () { if (dirty) { save(); } });

  base = values();
  updateTotal();
  restore();
})();
