/* The ceremony view (templates/ceremony/pool.html): the server lists every announced place, lowest first,
   each with data-step; this script hides them and reveals one at a time. Next: click, Space, Right arrow,
   Page Down (a presenter's clicker), Enter; back: Left arrow, Page Up; Home and End jump to the start and
   the end; F toggles full screen. The step is kept in the address (#3) so a reloaded projector resumes. */
(function () {
  "use strict";

  document.documentElement.classList.add("js");

  var NEXT = ["ArrowRight", "ArrowDown", "PageDown", " ", "Spacebar", "Enter"];
  var BACK = ["ArrowLeft", "ArrowUp", "PageUp", "Backspace"];

  function start() {
    var stage = document.querySelector("[data-ceremony]");
    if (!stage) return;
    var places = Array.prototype.slice.call(stage.querySelectorAll("[data-step]"));
    var done = stage.querySelector("[data-done]");
    var counter = document.querySelector("[data-counter]");
    var fullscreen = document.querySelector("[data-fullscreen]");
    var total = places.length;
    var shown = 0;

    function clamp(n) {
      return Math.max(0, Math.min(total, n));
    }

    function show(n) {
      shown = clamp(n);
      places.forEach(function (place, index) {
        var step = index + 1;
        place.classList.toggle("is-hidden", step > shown);
        place.classList.toggle("is-current", step === shown);
        place.classList.toggle("is-past", step < shown);
        place.setAttribute("aria-hidden", step > shown ? "true" : "false");
      });
      stage.classList.toggle("is-start", shown === 0);
      stage.classList.toggle("is-finished", shown === total);
      if (done) done.hidden = shown !== total;
      if (counter) counter.textContent = shown + " / " + total;
      if (window.history && history.replaceState) history.replaceState(null, "", "#" + shown);
    }

    function toggleFullscreen() {
      var root = document.documentElement;
      if (document.fullscreenElement) {
        document.exitFullscreen();
      } else if (root.requestFullscreen) {
        root.requestFullscreen().catch(function () {});
      }
    }

    document.addEventListener("keydown", function (event) {
      if (event.ctrlKey || event.altKey || event.metaKey) return;
      var target = event.target;
      var onControl = target && target.closest && target.closest("a, button");
      if (NEXT.indexOf(event.key) !== -1 && !(onControl && (event.key === " " || event.key === "Enter"))) {
        event.preventDefault();
        show(shown + 1);
      } else if (BACK.indexOf(event.key) !== -1) {
        event.preventDefault();
        show(shown - 1);
      } else if (event.key === "Home") {
        event.preventDefault();
        show(0);
      } else if (event.key === "End") {
        event.preventDefault();
        show(total);
      } else if (event.key === "f" || event.key === "F") {
        toggleFullscreen();
      }
    });

    document.addEventListener("click", function (event) {
      if (event.button !== 0 || (event.target.closest && event.target.closest("a, button"))) return;
      show(shown + 1);
    });

    if (fullscreen && document.documentElement.requestFullscreen) {
      fullscreen.hidden = false;
      fullscreen.addEventListener("click", toggleFullscreen);
    }

    var resumed = parseInt(window.location.hash.slice(1), 10);
    stage.classList.add("is-ready");
    show(isNaN(resumed) ? 0 : resumed);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
