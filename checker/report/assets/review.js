// checker review page: filters, order, keyboard, decisions kept in localStorage, baseline download.
// The only script of the page, allowed by its sha256 in the Content-Security-Policy. It reads the
// page's own data-* attributes and never turns text into markup (textContent only).
(function () {
  "use strict";
  var main = document.getElementById("review");
  if (!main) return;
  document.body.classList.add("js");
  var list = document.getElementById("conflicts");
  var items = Array.prototype.slice.call(list.querySelectorAll("section.conflict"));
  var storeKey = "checker-review/" + main.getAttribute("data-report");
  var SCHEMA = "checker-baseline/1";
  var REAL = "real", DISMISS = "not a conflict";
  var state = {};
  var current = -1;
  var entries = items.map(function (el) {
    return JSON.parse(el.getAttribute("data-entry"));
  });

  function load() {
    try {
      var raw = window.localStorage && window.localStorage.getItem(storeKey);
      var got = raw ? JSON.parse(raw) : {};
      if (got && typeof got === "object") state = got;
    } catch (e) {
      state = {};
    }
    // A known conflict opens with the verdict its baseline recorded, unless decided here since.
    entries.forEach(function (e) {
      if ((e.decision || e.note) && !state[e.id]) state[e.id] = { decision: e.decision || "", note: e.note || "" };
    });
  }

  function save() {
    try {
      if (window.localStorage) window.localStorage.setItem(storeKey, JSON.stringify(state));
    } catch (e) {
      // A page opened from disk may have no storage: decisions last while it is open.
    }
  }

  function decisionOf(i) {
    var s = state[entries[i].id];
    return s && s.decision ? s.decision : "";
  }

  function show(i) {
    var el = items[i];
    var d = decisionOf(i);
    var s = state[entries[i].id] || {};
    el.classList.toggle("real", d === REAL);
    el.classList.toggle("dismissed", d === DISMISS);
    el.querySelector(".status").textContent = d ? d : "undecided";
    el.querySelector("button.accept").setAttribute("aria-pressed", String(d === REAL));
    el.querySelector("button.dismiss").setAttribute("aria-pressed", String(d === DISMISS));
    var note = el.querySelector("textarea.note");
    if (note.value !== (s.note || "")) note.value = s.note || "";
  }

  function decide(i, decision) {
    var id = entries[i].id;
    var s = state[id] || {};
    s.decision = s.decision === decision ? "" : decision; // pressing again undoes
    state[id] = s;
    save();
    show(i);
    counts();
  }

  function setNote(i, text) {
    var id = entries[i].id;
    var s = state[id] || {};
    s.note = text;
    state[id] = s;
    save();
  }

  var filters = {};
  ["type", "severity", "source", "status"].forEach(function (name) {
    filters[name] = document.getElementById("f-" + name);
  });
  var sortBy = document.getElementById("f-sort");

  function visible(i) {
    var e = entries[i];
    var t = filters.type.value, sv = filters.severity.value;
    var src = filters.source.value, st = filters.status.value;
    if (t && e.type !== t) return false;
    if (sv && e.severity !== sv) return false;
    if (src && e.sources.indexOf(src) < 0) return false;
    if (st) {
      var known = items[i].getAttribute("data-known") === "1";
      var d = decisionOf(i);
      if (st === "new" && known) return false;
      if (st === "known" && !known) return false;
      if (st === "undecided" && d) return false;
      if (st === "real" && d !== REAL) return false;
      if (st === "dismissed" && d !== DISMISS) return false;
    }
    return true;
  }

  function apply() {
    var shown = 0;
    for (var i = 0; i < items.length; i++) {
      var v = visible(i);
      items[i].hidden = !v;
      if (v) shown++;
    }
    document.getElementById("shown").textContent =
      "Showing " + shown + " of " + items.length + " conflicts.";
    if (current >= 0 && items[current].hidden) current = -1;
  }

  function order() {
    var idx = items.map(function (_, i) { return i; });
    if (sortBy.value === "subject") {
      idx.sort(function (a, b) {
        var sa = entries[a].subject.toLowerCase(), sb = entries[b].subject.toLowerCase();
        return sa < sb ? -1 : sa > sb ? 1 : a - b;
      });
    }
    var frag = document.createDocumentFragment();
    idx.forEach(function (i) { frag.appendChild(items[i]); });
    list.appendChild(frag);
  }

  function counts() {
    var real = 0, dismissed = 0;
    for (var i = 0; i < items.length; i++) {
      var d = decisionOf(i);
      if (d === REAL) real++;
      else if (d === DISMISS) dismissed++;
    }
    document.getElementById("decided").textContent =
      real + " real, " + dismissed + " not a conflict, " +
      (items.length - real - dismissed) + " undecided.";
  }

  function shownInOrder() {
    return Array.prototype.slice.call(list.children).filter(function (el) {
      return el.classList.contains("conflict") && !el.hidden;
    });
  }

  function move(step) {
    var seq = shownInOrder();
    if (!seq.length) return;
    var at = current >= 0 ? seq.indexOf(items[current]) : -1;
    var next = at < 0 ? (step > 0 ? 0 : seq.length - 1) : Math.min(seq.length - 1, Math.max(0, at + step));
    focusItem(items.indexOf(seq[next]));
  }

  function focusItem(i) {
    if (current >= 0) items[current].classList.remove("current");
    current = i;
    items[i].classList.add("current");
    items[i].focus({ preventScroll: true });
    items[i].scrollIntoView({ block: "nearest" });
  }

  function document_() {
    var out = [];
    for (var i = 0; i < items.length; i++) {
      var d = decisionOf(i);
      var known = items[i].getAttribute("data-known") === "1";
      if (!d && !known) continue; // undecided and new: stays new
      var e = {};
      for (var k in entries[i]) if (k !== "decision" && k !== "note") e[k] = entries[i][k];
      var s = state[entries[i].id] || {};
      if (d) e.decision = d;
      if (s.note) e.note = s.note;
      out.push(e);
    }
    out.sort(function (a, b) { return a.id < b.id ? -1 : a.id > b.id ? 1 : 0; });
    return { schema: SCHEMA, conflicts: out };
  }

  function download() {
    var text = JSON.stringify(document_(), null, 2) + "\n";
    var blob = new Blob([text], { type: "application/json" });
    var a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = "checker-review.json";
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }

  items.forEach(function (el, i) {
    el.querySelector("button.accept").addEventListener("click", function () { decide(i, REAL); });
    el.querySelector("button.dismiss").addEventListener("click", function () { decide(i, DISMISS); });
    el.querySelector("textarea.note").addEventListener("input", function (ev) { setNote(i, ev.target.value); });
    el.addEventListener("click", function (ev) {
      if (ev.target.closest("button, textarea, a, summary")) return;
      if (current !== i) focusItem(i);
    });
  });
  Object.keys(filters).forEach(function (name) { filters[name].addEventListener("change", apply); });
  sortBy.addEventListener("change", function () { order(); apply(); });
  document.getElementById("download").addEventListener("click", download);
  document.addEventListener("keydown", function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) return;
    var tag = ev.target && ev.target.tagName;
    if (tag === "TEXTAREA" || tag === "INPUT" || tag === "SELECT") {
      if (ev.key === "Escape") ev.target.blur();
      return;
    }
    if (ev.key === "j") move(1);
    else if (ev.key === "k") move(-1);
    else if ((ev.key === "a" || ev.key === "d") && current >= 0) decide(current, ev.key === "a" ? REAL : DISMISS);
    else if (ev.key === "n" && current >= 0) items[current].querySelector("textarea.note").focus();
    else return;
    ev.preventDefault();
  });

  load();
  for (var i = 0; i < items.length; i++) show(i);
  apply();
  counts();
  main.setAttribute("data-ready", "1");
})();
