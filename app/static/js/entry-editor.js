// A tiny formatting toolbar for the entry body: it only inserts the HTML tags the server keeps
// (the server sanitises everything again). Without JavaScript the toolbar stays hidden and plain
// text with blank lines between paragraphs works just as well.
(function () {
  "use strict";

  function insert(textarea, before, after, placeholder) {
    var start = textarea.selectionStart, end = textarea.selectionEnd;
    var selected = textarea.value.slice(start, end) || placeholder;
    textarea.setRangeText(before + selected + after, start, end, "end");
    textarea.focus();
    textarea.setSelectionRange(start + before.length, start + before.length + selected.length);
  }

  function listItems(text) {
    return text.split(/\n/).filter(function (line) { return line.trim(); })
      .map(function (line) { return "  <li>" + line.trim() + "</li>"; }).join("\n");
  }

  function setUp(toolbar) {
    var textarea = document.getElementById(toolbar.getAttribute("aria-controls"));
    if (!textarea || typeof textarea.setRangeText !== "function") { return; }
    toolbar.hidden = false;
    toolbar.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button) { return; }
      var tag = button.getAttribute("data-wrap");
      if (tag) {
        insert(textarea, "<" + tag + ">", "</" + tag + ">", "…");
      } else if (button.hasAttribute("data-list")) {
        var start = textarea.selectionStart, end = textarea.selectionEnd;
        var items = listItems(textarea.value.slice(start, end)) || "  <li>…</li>";
        textarea.setRangeText("<ul>\n" + items + "\n</ul>", start, end, "end");
        textarea.focus();
      } else if (button.hasAttribute("data-link")) {
        var address = window.prompt(button.getAttribute("data-prompt"), "https://");
        if (address && /^(https?:\/\/|mailto:)/i.test(address)) {
          insert(textarea, '<a href="' + address.replace(/"/g, "%22") + '">', "</a>", address);
        }
      }
    });
  }

  document.querySelectorAll(".editor-toolbar").forEach(setUp);
}());
