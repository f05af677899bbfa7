(function () {
  "use strict";
  var byId = function (id) { return document.getElementById(id); };
  var form = byId("filters");
  if (!form) { return; }
  var q = byId("f-q"), fo = byId("f-outlet"), fs = byId("f-speaker"),
      ff = byId("f-flag"), fn = byId("f-min"), count = byId("f-count"),
      empty = byId("f-empty"), singlesCount = byId("f-singles");
  var totalClusters = +count.getAttribute("data-total");
  var items = [];
  var nodes = document.querySelectorAll("[data-n]");
  function ids(s) { return s ? s.split(" ") : []; }
  for (var i = 0; i < nodes.length; i++) {
    var el = nodes[i];
    items.push({
      el: el, single: el.classList.contains("single"),
      o: ids(el.getAttribute("data-o")), s: ids(el.getAttribute("data-s")),
      f: ids(el.getAttribute("data-f")), n: +el.getAttribute("data-n"), text: null
    });
  }
  // Curly quotes and accents are folded so "dont" finds “don’t” and "Akram" finds "Akrám".
  function fold(s) {
    return s.toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[\u2018\u2019\u201b\u2032]/g, "'").replace(/[\u201c\u201d\u201e\u2033]/g, '"')
      .replace(/\s+/g, " ");
  }
  function has(list, v) { return v === "" || list.indexOf(v) >= 0; }
  function apply() {
    var terms = fold(q.value).trim().split(" ").filter(Boolean);
    var o = fo.value, sp = fs.value, fl = ff.value, min = Math.max(1, +fn.value || 1);
    var shown = 0, singles = 0;
    for (var i = 0; i < items.length; i++) {
      var it = items[i], ok = it.n >= min && has(it.o, o) && has(it.s, sp) && has(it.f, fl);
      if (ok && terms.length) {
        if (it.text === null) { it.text = fold(it.el.textContent); }
        for (var t = 0; t < terms.length && ok; t++) { ok = it.text.indexOf(terms[t]) >= 0; }
      }
      if (it.el.hidden === ok) { it.el.hidden = !ok; }
      if (ok) { if (it.single) { singles++; } else { shown++; } }
    }
    count.innerHTML = "";
    var b = document.createElement("b");
    b.textContent = String(shown);
    count.appendChild(b);
    count.appendChild(document.createTextNode(" of " + totalClusters + " clusters shown"));
    if (singlesCount) { singlesCount.textContent = String(singles); }
    empty.hidden = shown !== 0;
  }
  var timer = 0;
  q.addEventListener("input", function () { clearTimeout(timer); timer = setTimeout(apply, 60); });
  [fo, fs, ff, fn].forEach(function (el) {
    el.addEventListener("change", apply);
    el.addEventListener("input", apply);
  });
  form.addEventListener("submit", function (e) { e.preventDefault(); apply(); });
  form.addEventListener("reset", function () { setTimeout(apply, 0); });
  // Outlet chips act as shortcuts to the outlet filter.
  document.addEventListener("click", function (e) {
    var chip = e.target.closest ? e.target.closest("[data-pick-outlet]") : null;
    if (!chip) { return; }
    fo.value = chip.getAttribute("data-pick-outlet");
    apply();
    form.scrollIntoView({ block: "nearest" });
  });
  // "/" jumps to the search box, as on most sites a reader knows.
  document.addEventListener("keydown", function (e) {
    var t = e.target, tag = t && t.tagName;
    if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey ||
        tag === "INPUT" || tag === "SELECT" || tag === "TEXTAREA") { return; }
    e.preventDefault();
    q.focus();
  });
  // Closed <details> print as their summary only; a printout should carry everything.
  var reopened = [];
  window.addEventListener("beforeprint", function () {
    var ds = document.querySelectorAll("details:not([open])");
    for (var i = 0; i < ds.length; i++) { ds[i].open = true; reopened.push(ds[i]); }
  });
  window.addEventListener("afterprint", function () {
    while (reopened.length) { reopened.pop().open = false; }
  });
  form.hidden = false;
  byId("controls").hidden = false;
  if (q.value || fo.value || fs.value || ff.value || +fn.value > 1) { apply(); }
})();
