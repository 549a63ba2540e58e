(function () {
  "use strict";
  var sevSel = document.getElementById("f-severity");
  var ruleSel = document.getElementById("f-rule");
  var rows = Array.prototype.slice.call(document.querySelectorAll("#findings tbody tr[data-id]"));
  var marks = Array.prototype.slice.call(document.querySelectorAll("mark.hl"));
  var byId = {};
  rows.forEach(function (r) { byId[r.getAttribute("data-id")] = r; });
  function apply() {
    var sev = sevSel ? sevSel.value : "";
    var rule = ruleSel ? ruleSel.value : "";
    var shown = {};
    var count = 0;
    rows.forEach(function (r) {
      var ok = (!sev || r.getAttribute("data-severity") === sev) && (!rule || r.getAttribute("data-rule") === rule);
      r.classList.toggle("hidden", !ok);
      if (ok) { shown[r.getAttribute("data-id")] = true; count += 1; }
    });
    marks.forEach(function (m) {
      var ids = (m.getAttribute("data-findings") || "").split(" ");
      var on = ids.some(function (id) { return shown[id]; });
      m.classList.toggle("off", !on);
    });
    var out = document.getElementById("f-count");
    if (out) { out.textContent = count + " / " + rows.length; }
  }
  if (sevSel) { sevSel.addEventListener("change", apply); }
  if (ruleSel) { ruleSel.addEventListener("change", apply); }

  var popup = document.getElementById("popup");
  var body = document.getElementById("popup-body");
  var active = null;
  function closePopup() {
    if (popup) { popup.classList.add("hidden"); }
    if (active) { active.classList.remove("active"); active = null; }
  }
  function line(label, value, href) {
    var p = document.createElement("p");
    var b = document.createElement("b");
    b.textContent = label + " ";
    p.appendChild(b);
    if (href) {
      var a = document.createElement("a");
      a.href = href;
      a.textContent = value;
      p.appendChild(a);
    } else {
      p.appendChild(document.createTextNode(value));
    }
    return p;
  }
  function show(mark) {
    if (!popup || !body) { return; }
    closePopup();
    active = mark;
    mark.classList.add("active");
    while (body.firstChild) { body.removeChild(body.firstChild); }
    (mark.getAttribute("data-findings") || "").split(" ").forEach(function (id) {
      var r = byId[id];
      if (!r || r.classList.contains("hidden")) { return; }
      var cell = function (name) { var c = r.querySelector("." + name); return c ? c.textContent : ""; };
      var div = document.createElement("div");
      div.className = "sev-" + r.getAttribute("data-severity");
      var rule = r.getAttribute("data-rule");
      div.appendChild(line(r.getAttribute("data-severity") + ":", rule, "#rule-" + rule));
      div.appendChild(line("", cell("msg")));
      var sugg = cell("sugg");
      if (sugg) { div.appendChild(line("suggestion:", sugg)); }
      body.appendChild(div);
    });
    popup.classList.remove("hidden");
  }
  marks.forEach(function (m) {
    m.addEventListener("click", function () { if (!m.classList.contains("off")) { show(m); } });
    m.addEventListener("keydown", function (e) { if (e.key === "Enter" && !m.classList.contains("off")) { show(m); } });
  });
  var closeBtn = document.getElementById("popup-close");
  if (closeBtn) { closeBtn.addEventListener("click", closePopup); }
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") { closePopup(); } });

  function openRule() {
    var id = decodeURIComponent(location.hash.slice(1));
    if (id.indexOf("rule-") !== 0) { return; }
    var el = document.getElementById(id);
    if (el && el.tagName === "DETAILS") { el.open = true; }
  }
  window.addEventListener("hashchange", openRule);
  openRule();
  apply();
})();
