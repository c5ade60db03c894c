// The entry body editor: with JavaScript, a formatted-text area (bold, italic, heading, lists, links) whose
// HTML is copied into the form's textarea on every change; the server sanitises it again. Only the tags the
// server keeps are kept here too. Without JavaScript the textarea stays, and plain text with blank lines
// between paragraphs works just as well.
(function () {
  "use strict";

  var KEEP = { P: 1, BR: 1, STRONG: 1, EM: 1, B: 1, I: 1, U: 1, H3: 1, H4: 1, UL: 1, OL: 1, LI: 1,
               BLOCKQUOTE: 1, A: 1 };
  var SAFE_LINK = /^(https?:\/\/|mailto:)/i;
  var RENAME = { B: "STRONG", I: "EM" };  // what the browser's bold and italic commands write

  // Rebuild a node tree keeping only allowed tags (others are unwrapped) and safe link addresses.
  function cleanInto(source, target) {
    source.childNodes.forEach(function (node) {
      if (node.nodeType === Node.TEXT_NODE) {
        target.appendChild(document.createTextNode(node.textContent));
      } else if (node.nodeType === Node.ELEMENT_NODE && node.tagName !== "SCRIPT" && node.tagName !== "STYLE") {
        var holder = target;
        if (KEEP[node.tagName]) {
          holder = document.createElement(RENAME[node.tagName] || node.tagName);
          var href = node.getAttribute("href");
          if (node.tagName === "A" && href && SAFE_LINK.test(href)) { holder.setAttribute("href", href); }
          target.appendChild(holder);
        }
        cleanInto(node, holder);
      }
    });
  }

  function cleanHtml(html) {
    var parsed = new DOMParser().parseFromString("<body>" + html + "</body>", "text/html");
    var out = document.createElement("div");
    cleanInto(parsed.body, out);
    return out.innerHTML;
  }

  function asHtml(text) {
    if (/<[a-z][\s\S]*>/i.test(text)) { return cleanHtml(text); }
    return text.split(/\n\s*\n/).filter(function (part) { return part.trim(); }).map(function (part) {
      var p = document.createElement("p");
      p.textContent = part.trim();
      return p.outerHTML.replace(/\n/g, "<br>");
    }).join("");
  }

  function setUp(toolbar) {
    var textarea = document.getElementById(toolbar.getAttribute("aria-controls"));
    if (!textarea || typeof document.execCommand !== "function") { return; }
    var editor = document.createElement("div");
    editor.className = "rich-editor";
    editor.contentEditable = "true";
    editor.setAttribute("role", "textbox");
    editor.setAttribute("aria-multiline", "true");
    editor.setAttribute("aria-label", textarea.labels && textarea.labels[0] ? textarea.labels[0].textContent : "");
    editor.innerHTML = asHtml(textarea.value);
    textarea.hidden = true;
    textarea.insertAdjacentElement("beforebegin", editor);
    toolbar.hidden = false;
    document.execCommand("defaultParagraphSeparator", false, "p");

    function sync() { textarea.value = cleanHtml(editor.innerHTML); }
    editor.addEventListener("input", sync);
    if (textarea.form) { textarea.form.addEventListener("submit", sync); }

    toolbar.addEventListener("click", function (event) {
      var button = event.target.closest("button");
      if (!button) { return; }
      event.preventDefault();
      editor.focus();
      var tag = button.getAttribute("data-wrap");
      if (tag === "strong") { document.execCommand("bold"); }
      else if (tag === "em") { document.execCommand("italic"); }
      else if (tag === "h3") { document.execCommand("formatBlock", false, "h3"); }
      else if (button.hasAttribute("data-list")) { document.execCommand("insertUnorderedList"); }
      else if (button.hasAttribute("data-link")) {
        var address = window.prompt(button.getAttribute("data-prompt"), "https://");
        if (address && SAFE_LINK.test(address)) { document.execCommand("createLink", false, address); }
      }
      sync();
    });
  }

  document.querySelectorAll(".editor-toolbar").forEach(setUp);
}());
