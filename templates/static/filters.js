/* Instant filtering of the incident list on the page. Without JavaScript the form stays hidden
   and the links under it lead to the static pages of each year, base, kind, weapon, actor and
   status. State is kept in the query string (?year=2024&kind=attack) so it can be shared. */
(function () {
  "use strict";
  var form = document.querySelector("form.filter-form");
  if (!form || !window.URLSearchParams) return;
  var items = Array.prototype.slice.call(document.querySelectorAll("li.incident"));
  var groups = Array.prototype.slice.call(document.querySelectorAll(".month-group"));
  var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
  var status = form.querySelector(".filter-status");

  function has(li, select) {
    var values = " " + (li.getAttribute("data-" + select.getAttribute("data-attr")) || "") + " ";
    return values.indexOf(" " + select.value + " ") >= 0;
  }

  function apply(remember) {
    var active = selects.filter(function (s) { return s.value; });
    var shown = 0;
    items.forEach(function (li) {
      var keep = active.every(function (s) { return has(li, s); });
      li.hidden = !keep;
      if (keep) shown += 1;
    });
    groups.forEach(function (group) {
      group.hidden = !group.querySelector("li.incident:not([hidden])");
    });
    status.textContent = active.length ? shown + " " + form.getAttribute("data-shown") : "";
    if (active.length === 1) {
      var option = active[0].options[active[0].selectedIndex];
      var link = document.createElement("a");
      link.href = option.getAttribute("data-url");
      link.textContent = form.getAttribute("data-full") + form.getAttribute("data-colon") + option.text;
      status.appendChild(document.createTextNode(" · "));
      status.appendChild(link);
    }
    if (remember && window.history.replaceState) {
      var query = new URLSearchParams();
      active.forEach(function (s) { query.set(s.name, s.value); });
      var search = query.toString();
      history.replaceState(null, "", location.pathname + (search ? "?" + search : "") + location.hash);
    }
  }

  var params = new URLSearchParams(location.search);
  selects.forEach(function (s) {
    var wanted = params.get(s.name);
    if (wanted && s.querySelector('option[value="' + wanted.replace(/["\\]/g, "") + '"]')) s.value = wanted;
    s.addEventListener("change", function () { apply(true); });
  });
  form.addEventListener("reset", function () { setTimeout(function () { apply(true); }, 0); });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.hidden = false;
  apply(false);
})();
