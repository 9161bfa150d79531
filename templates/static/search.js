/* Pagefind's search box on /search/ and /en/search/; Pagefind picks the index of the page's
   language (<html lang>). ?q=word in the address runs that search at once. */
window.addEventListener("DOMContentLoaded", function () {
  var box = document.getElementById("search");
  if (!box || !window.PagefindUI) return;
  var ui = new PagefindUI({
    element: "#search",
    bundlePath: box.getAttribute("data-bundle"),
    showSubResults: false,
    showImages: false,
    resetStyles: false,
    autofocus: true
  });
  var input = box.querySelector("input");
  var label = document.getElementById("search-label");
  if (input && label) {  // a visible label, not only the placeholder
    input.id = "search-input";
    label.setAttribute("for", "search-input");
    label.hidden = false;
  }
  var q = new URLSearchParams(location.search).get("q");
  if (q) ui.triggerSearch(q);
});
