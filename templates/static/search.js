/* The search box on /search/ and /en/search/, drawn with Pagefind's JS API (pagefind.js).
   Everything that comes from the index (titles, filter names and values, excerpts) is put in
   the page as text, never as HTML: Pagefind's own UI renders filter labels and titles as HTML,
   so a base or actor name holding markup would run for every reader. The index is a set of
   shards (generator/site/search.py) listed in shards.json; the first is loaded and the others
   merged into it (mergeIndex). Pagefind picks the index of the page's language (<html lang>).
   ?q=word in the address runs that search at once; the address follows the box. */
(function () {
  "use strict";
  var box = document.getElementById("search");
  if (!box || !window.fetch || !window.URLSearchParams) return;
  var bundle = box.getAttribute("data-bundle");
  var say = function (name) { return box.getAttribute("data-say-" + name) || ""; };
  var PAGE = 10;

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  // Pagefind's excerpt: the page's text with < and > escaped, words marked with <mark>.
  function excerpt(html) {
    var p = el("p", "search-excerpt");
    var marked = false;
    html.split(/(<\/?mark>)/).forEach(function (part) {
      if (part === "<mark>" || part === "</mark>") { marked = part === "<mark>"; return; }
      var text = part.replace(/&lt;/g, "<").replace(/&gt;/g, ">");
      p.appendChild(marked ? el("mark", null, text) : document.createTextNode(text));
    });
    return p;
  }

  function sameSite(url) {  // result addresses come from the index: keep them on this site
    try { return new URL(url, location.href).origin === location.origin; } catch (e) { return false; }
  }

  function start(pagefind) {
    var form = el("form", "search-form");
    form.setAttribute("role", "search");
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    var input = el("input", "search-input");
    input.type = "search";
    input.id = "search-input";
    input.autocomplete = "off";
    form.appendChild(input);
    var filtersBox = el("div", "search-filters");
    var status = el("p", "search-status");
    status.setAttribute("aria-live", "polite");
    var list = el("ol", "search-results");
    var more = el("button", "search-more", say("more"));
    more.type = "button";
    more.hidden = true;
    box.appendChild(form);
    box.appendChild(filtersBox);
    box.appendChild(status);
    box.appendChild(list);
    box.appendChild(more);
    var label = document.getElementById("search-label");
    if (label) {  // a visible label, not only the placeholder
      label.setAttribute("for", "search-input");
      label.hidden = false;
    }

    var chosen = {};  // filter name -> {value: true}
    var found = [];
    var shown = 0;
    var run = 0;

    function selected() {
      var out = {};
      Object.keys(chosen).forEach(function (name) {
        var values = Object.keys(chosen[name]).filter(function (v) { return chosen[name][v]; });
        if (values.length) out[name] = { any: values };
      });
      return out;
    }

    // The filters are drawn once, from the whole index; a search only changes their counts
    // (a redrawn checkbox would lose the keyboard focus).
    var countOf = {};  // filter name -> value -> the text node of its count
    function drawFilters(counts) {
      Object.keys(counts).sort().forEach(function (name) {
        var group = el("details", "search-filter");
        group.setAttribute("data-filter", name);
        group.appendChild(el("summary", null, name));
        var values = el("div", "search-filter-values");
        values.setAttribute("role", "group");
        values.setAttribute("aria-label", name);
        countOf[name] = {};
        Object.keys(counts[name]).sort().forEach(function (value) {
          var item = el("label", "search-filter-value");
          var check = el("input");
          check.type = "checkbox";
          check.addEventListener("change", function () {
            chosen[name] = chosen[name] || {};
            chosen[name][value] = check.checked;
            search();
          });
          item.appendChild(check);
          item.appendChild(document.createTextNode(" " + value + " "));
          countOf[name][value] = document.createTextNode("(" + counts[name][value] + ")");
          item.appendChild(countOf[name][value]);
          values.appendChild(item);
        });
        group.appendChild(values);
        filtersBox.appendChild(group);
      });
    }

    function showCounts(counts) {
      Object.keys(countOf).forEach(function (name) {
        Object.keys(countOf[name]).forEach(function (value) {
          var n = (counts[name] && counts[name][value]) || 0;
          countOf[name][value].textContent = "(" + n + ")";
        });
      });
    }

    function showMore() {
      var batch = found.slice(shown, shown + PAGE);
      shown += batch.length;
      more.hidden = shown >= found.length;
      var mine = run;
      return Promise.all(batch.map(function (r) { return r.data(); })).then(function (pages) {
        if (mine !== run) return;
        pages.forEach(function (data) {
          if (!sameSite(data.url)) return;
          var li = el("li", "search-result");
          var link = el("a", "search-result-link", (data.meta && data.meta.title) || data.url);
          link.href = data.url;
          var heading = el("h2", "search-result-title");
          heading.appendChild(link);
          li.appendChild(heading);
          li.appendChild(excerpt(data.excerpt || ""));
          list.appendChild(li);
        });
      });
    }

    function search() {
      var words = input.value.trim();
      var mine = ++run;
      var params = new URLSearchParams(location.search);
      if (words) params.set("q", words); else params.delete("q");
      var query = params.toString();
      history.replaceState(null, "", location.pathname + (query ? "?" + query : ""));
      var filters = selected();
      if (!words && !Object.keys(filters).length) {
        list.textContent = "";
        status.textContent = "";
        more.hidden = true;
        return pagefind.filters().then(function (counts) { if (mine === run) showCounts(counts); });
      }
      return pagefind.search(words || null, { filters: filters }).then(function (answer) {
        if (mine !== run || !answer) return;
        found = answer.results;
        shown = 0;
        list.textContent = "";
        var key = (found.length ? "results" : "none") + (words ? "" : "-filtered");
        status.textContent = say(key).replace("{n}", found.length).replace("{q}", words);
        showCounts(answer.filters);
        return showMore().then(function () { if (mine === run) box.setAttribute("data-shown", words); });
      });
    }

    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(search, 200);
    });
    more.addEventListener("click", showMore);
    var q = new URLSearchParams(location.search).get("q");
    if (q) input.value = q;
    input.focus();
    return pagefind.filters().then(function (counts) {
      drawFilters(counts);
      box.setAttribute("data-ready", "");
      return search();
    });
  }

  function failed() {
    box.appendChild(el("p", "notice", say("failed")));
  }

  fetch(bundle + "shards.json").then(function (r) {
    if (!r.ok) throw new Error("no shards.json");
    return r.json();
  }).then(function (index) {
    var shards = (index && index.shards) || [];
    if (!shards.length) throw new Error("an empty index");
    var base = new URL(bundle, location.href);
    var first = new URL(shards[0].path, base).pathname;
    return import(first + "pagefind.js").then(function (pagefind) {
      return pagefind.options({ basePath: first, excerptLength: 30 }).then(function () {
        return Promise.all(shards.slice(1).map(function (s) {
          return pagefind.mergeIndex(new URL(s.path, base).pathname);
        }));
      }).then(function () { return start(pagefind); });
    });
  }).catch(failed);
})();
