/* copydesk report: draws the drafts, the filters and the keyboard navigation from the JSON
   block (lint/report/html.py). Copy is only ever set with textContent: never as HTML. */
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("copydesk-data").textContent);
  var LEVELS = D.levels, RULES = D.rules, DRAFTS = D.drafts, F = D.findings;
  // a finding: [draft, rule, level, start, end, line, column, message, fix|0, match?]
  var byDraft = DRAFTS.map(function () { return []; });
  F.forEach(function (f, i) { byDraft[f[0]].push(i); });
  var visible = new Uint8Array(F.length);
  var order = [];            // the visible findings, in page order
  var sections = [];         // per draft: {el, body, badges, rendered, marks: [], cards: {}}
  var markOf = {}, cardOf = {};
  var state = { levels: LEVELS.slice(), rule: "", pack: "", draft: "", q: "", f: -1 };
  var hay = null;            // lower-cased search text per finding, made on the first search

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  // ---- the draft list -------------------------------------------------------------------
  var list = document.getElementById("draft-list");
  var observer = "IntersectionObserver" in window ? new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (entry.isIntersecting) render(+entry.target.dataset.d);
    });
  }, { rootMargin: "800px 0px" }) : null;

  DRAFTS.forEach(function (draft, d) {
    var details = el("details", "draft");
    details.open = true;
    details.id = "d-" + d;
    details.dataset.d = d;
    var summary = el("summary");
    summary.appendChild(el("span", "path", draft[0]));
    var badges = el("span", "badges");
    summary.appendChild(badges);
    details.appendChild(summary);
    var body = el("div", "body");
    details.appendChild(body);
    list.appendChild(details);
    sections.push({ el: details, body: body, badges: badges, rendered: false, marks: [] });
    // drawn when it comes near the screen (not on "toggle": opening it here fires one for each)
    if (observer) observer.observe(details);
    else render(d);
  });

  function render(d) {
    var s = sections[d];
    if (s.rendered) return;
    s.rendered = true;
    if (observer) observer.unobserve(s.el);
    var text = DRAFTS[d][1], ids = byDraft[d];
    var notes = el("ol", "notes");
    if (text === null) {
      s.body.className = "body textless";
      s.body.appendChild(el("p", "textless-note", DRAFTS[d][2]));
    } else {
      var copy = el("div", "copy");
      copy.setAttribute("lang", "en");
      drawCopy(copy, text, ids, s);
      s.body.appendChild(copy);
    }
    ids.forEach(function (i) { notes.appendChild(card(i, text === null)); });
    s.body.appendChild(notes);
    refresh(d);
  }

  // the copy as text nodes, each finding's span in <mark>s (overlapping spans split into
  // segments, each naming every finding over it)
  function drawCopy(copy, text, ids, s) {
    var cuts = [0, text.length];
    ids.forEach(function (i) { cuts.push(F[i][3], F[i][4]); });
    cuts = cuts.filter(function (c, k, a) { return a.indexOf(c) === k; }).sort(function (a, b) { return a - b; });
    var points = {};
    ids.forEach(function (i) { if (F[i][3] === F[i][4]) (points[F[i][3]] = points[F[i][3]] || []).push(i); });
    for (var k = 0; k < cuts.length; k++) {
      var a = cuts[k];
      if (points[a]) addMark(copy, "", points[a], s, true);
      if (k + 1 >= cuts.length) break;
      var b = cuts[k + 1];
      if (b <= a) continue;
      var over = ids.filter(function (i) { return F[i][3] <= a && F[i][4] >= b && F[i][3] < F[i][4]; });
      if (over.length) addMark(copy, text.slice(a, b), over, s, false);
      else copy.appendChild(document.createTextNode(text.slice(a, b)));
    }
  }

  function addMark(copy, text, over, s, point) {
    var m = el("mark", point ? "point" : "", text);
    m.dataset.f = over.join(" ");
    m.title = over.map(function (i) { return RULES[F[i][1]][0] + ": " + F[i][7]; }).join("\n");
    over.forEach(function (i) {
      if (!(i in markOf)) { markOf[i] = m; m.tabIndex = 0; }
    });
    m.addEventListener("click", function () { select(pick(m), false); });
    m.addEventListener("focus", function () { select(pick(m), false, true); });
    s.marks.push(m);
    copy.appendChild(m);
  }

  function pick(m) {
    var ids = m.dataset.f.split(" ").map(Number);
    for (var k = 0; k < ids.length; k++) if (visible[ids[k]]) return ids[k];
    return ids[0];
  }

  function card(i, withMatch) {
    var f = F[i], li = el("li", "lv-" + LEVELS[f[2]]);
    li.id = "f-" + i;
    var rule = RULES[f[1]][0];
    li.appendChild(el("span", "lv lv-" + LEVELS[f[2]], LEVELS[f[2]]));
    li.appendChild(document.createTextNode(" "));
    var a = el("a", "rule-link", rule);
    a.href = "#rule-" + rule;
    a.addEventListener("click", function (event) { event.preventDefault(); event.stopPropagation(); showRule(rule); });
    li.appendChild(a);
    li.appendChild(el("span", "where", " line " + f[5] + ", column " + f[6]));
    li.appendChild(el("span", "msg", f[7]));
    if (withMatch && f[9]) li.appendChild(el("span", "match", "\u201c" + f[9] + "\u201d"));
    if (f[8]) {
      var fix = el("div", "fix");
      if (f[8][0] !== null) {
        fix.appendChild(el("del", "", f[8][0]));
        fix.appendChild(document.createTextNode(" \u2192 "));
      } else {
        fix.appendChild(document.createTextNode("replace with "));
      }
      fix.appendChild(el("ins", "", f[8][1] === "" ? "(nothing)" : f[8][1]));
      fix.appendChild(el("span", "kind", f[8][2] ? "safe fix (copydesk check --fix)" : "fix to review (--unsafe-fixes)"));
      li.appendChild(fix);
    }
    li.addEventListener("click", function () { select(i, true); });
    cardOf[i] = li;
    return li;
  }

  function showRule(rule) {
    var box = document.getElementById("rule-" + rule);
    if (!box) return;
    box.open = true;
    var old = document.querySelector(".rule.current");
    if (old) old.classList.remove("current");
    box.classList.add("current");
    box.scrollIntoView({ block: "start" });
  }

  // ---- filtering ------------------------------------------------------------------------
  function haystack() {
    hay = F.map(function (f) {
      var text = DRAFTS[f[0]][1];
      var words = text === null ? (f[9] || "") : text.slice(f[3], f[4]);
      return (f[7] + "\n" + RULES[f[1]][0] + "\n" + DRAFTS[f[0]][0] + "\n" + words).toLowerCase();
    });
  }

  function apply(keepHash) {
    var q = state.q.trim().toLowerCase();
    if (q && !hay) haystack();
    var levels = {};
    state.levels.forEach(function (l) { levels[l] = true; });
    order = [];
    var shownDrafts = 0;
    byDraft.forEach(function (ids, d) {
      var counts = [0, 0, 0];
      ids.forEach(function (i) {
        var f = F[i], r = RULES[f[1]];
        var ok = levels[LEVELS[f[2]]] && (!state.rule || r[0] === state.rule) && (!state.pack || r[1] === state.pack) &&
          (!state.draft || DRAFTS[f[0]][0] === state.draft) && (!q || hay[i].indexOf(q) >= 0);
        visible[i] = ok ? 1 : 0;
        if (ok) { order.push(i); counts[f[2]]++; }
      });
      var s = sections[d], n = counts[0] + counts[1] + counts[2];
      s.el.hidden = n === 0;
      if (n) shownDrafts++;
      s.badges.textContent = "";
      counts.forEach(function (c, l) {
        if (c) s.badges.appendChild(el("span", "badge lv-" + LEVELS[l], c + " " + LEVELS[l] + (c === 1 ? "" : "s")));
      });
      if (s.rendered) refresh(d);
    });
    var status = document.getElementById("status");
    status.textContent = "Showing " + order.length + " of " + F.length + " finding" + (F.length === 1 ? "" : "s") +
      " in " + shownDrafts + " draft" + (shownDrafts === 1 ? "" : "s") + ".";
    if (!keepHash) writeHash();
  }

  function refresh(d) {
    sections[d].marks.forEach(function (m) {
      var best = -1;
      m.dataset.f.split(" ").forEach(function (i) {
        if (visible[+i] && (best < 0 || F[+i][2] < best)) best = F[+i][2];
      });
      m.classList.remove("lv-error", "lv-warning", "lv-suggestion", "off");
      m.classList.add(best < 0 ? "off" : "lv-" + LEVELS[best]);
    });
    byDraft[d].forEach(function (i) { if (cardOf[i]) cardOf[i].hidden = !visible[i]; });
  }

  // ---- moving between findings ----------------------------------------------------------
  function select(i, focusMark, fromFocus) {
    if (i < 0 || i >= F.length) return;
    var d = F[i][0];
    render(d);
    sections[d].el.open = true;
    var old = document.querySelectorAll(".current");
    for (var k = 0; k < old.length; k++) old[k].classList.remove("current");
    var m = markOf[i], c = cardOf[i];
    if (c) { c.classList.add("current"); scrollWithin(c); }
    if (m) {
      m.classList.add("current");
      if (focusMark && !fromFocus) { m.scrollIntoView({ block: "center" }); m.focus({ preventScroll: true }); }
    } else if (c && focusMark) {
      c.scrollIntoView({ block: "center" });
    }
    state.f = i;
    writeHash();
  }

  function scrollWithin(c) {
    var box = c.parentNode;
    if (box && (c.offsetTop < box.scrollTop || c.offsetTop > box.scrollTop + box.clientHeight - c.offsetHeight)) {
      box.scrollTop = c.offsetTop - box.offsetTop - 20;
    }
  }

  function step(direction) {
    if (!order.length) return;
    var at = order.indexOf(state.f);
    var next;
    if (at < 0) {
      next = direction > 0 ? order[0] : order[order.length - 1];
      if (state.f >= 0) { // the current one is filtered out: the next one after it in page order
        var after = order.filter(function (i) { return direction > 0 ? i > state.f : i < state.f; });
        if (after.length) next = direction > 0 ? after[0] : after[after.length - 1];
      }
    } else {
      next = order[(at + direction + order.length) % order.length];
    }
    select(next, true);
  }

  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    var tag = (event.target.tagName || "").toLowerCase();
    if (tag === "input" || tag === "select" || tag === "textarea") {
      if (event.key === "Escape") event.target.blur();
      return;
    }
    if (event.key === "j" || event.key === "n") { event.preventDefault(); step(1); }
    else if (event.key === "k" || event.key === "p") { event.preventDefault(); step(-1); }
    else if (event.key === "/") { event.preventDefault(); document.getElementById("f-q").focus(); }
  });

  // ---- the view in the URL fragment -----------------------------------------------------
  function writeHash() {
    var parts = [];
    if (state.levels.length !== LEVELS.length) parts.push("levels=" + state.levels.join(","));
    ["rule", "pack", "draft", "q"].forEach(function (key) {
      if (state[key]) parts.push(key + "=" + encodeURIComponent(state[key]));
    });
    if (state.f >= 0) parts.push("f=" + state.f);
    var hash = parts.length ? "#" + parts.join("&") : "";
    if (location.hash !== hash) history.replaceState(null, "", hash || location.pathname + location.search);
  }

  function readHash() {
    var hash = location.hash.slice(1);
    if (hash.indexOf("=") < 0) return false; // an anchor (#rule-...), not a view
    state = { levels: LEVELS.slice(), rule: "", pack: "", draft: "", q: "", f: -1 };
    hash.split("&").forEach(function (part) {
      var eq = part.indexOf("="), key = part.slice(0, eq), value;
      try { value = decodeURIComponent(part.slice(eq + 1)); } catch (e) { return; }
      if (key === "levels") state.levels = value.split(",").filter(function (l) { return LEVELS.indexOf(l) >= 0; });
      else if (key === "f") state.f = /^\d+$/.test(value) ? +value : -1;
      else if (key in state) state[key] = value;
    });
    return true;
  }

  var form = document.getElementById("filters");
  var boxes = form.querySelectorAll("input[name=level]");
  var ruleBox = document.getElementById("f-rule"), packBox = document.getElementById("f-pack");
  var draftBox = document.getElementById("f-draft"), search = document.getElementById("f-q");

  function toForm() {
    for (var k = 0; k < boxes.length; k++) boxes[k].checked = state.levels.indexOf(boxes[k].value) >= 0;
    ruleBox.value = state.rule; packBox.value = state.pack; draftBox.value = state.draft; search.value = state.q;
    // a value the page does not have (an old link): show everything for that filter
    if (ruleBox.value !== state.rule) state.rule = ruleBox.value;
    if (packBox.value !== state.pack) state.pack = packBox.value;
    if (draftBox.value !== state.draft) state.draft = draftBox.value;
  }

  function fromForm() {
    state.levels = [];
    for (var k = 0; k < boxes.length; k++) if (boxes[k].checked) state.levels.push(boxes[k].value);
    state.rule = ruleBox.value; state.pack = packBox.value; state.draft = draftBox.value; state.q = search.value;
    apply();
  }

  form.addEventListener("change", fromForm);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  var typing = null;
  search.addEventListener("input", function () { clearTimeout(typing); typing = setTimeout(fromForm, 150); });
  document.getElementById("f-reset").addEventListener("click", function () {
    state = { levels: LEVELS.slice(), rule: "", pack: "", draft: "", q: "", f: -1 };
    toForm(); apply();
  });

  // a view from the URL (a shared link, or a link of the overview): the filters set, then
  // the finding it names selected, else the drafts it leaves in view
  function fromHash() {
    if (!readHash()) return;
    toForm();
    apply(true);
    if (state.f >= 0 && state.f < F.length && visible[state.f]) { select(state.f, true); return; }
    state.f = -1;
    writeHash();
    if (location.hash) document.getElementById("drafts").scrollIntoView({ block: "start" });
  }

  window.addEventListener("hashchange", fromHash);
  document.addEventListener("click", function (event) {
    var a = event.target.closest ? event.target.closest("a[href^='#rule-']") : null;
    if (a) { event.preventDefault(); showRule(a.getAttribute("href").slice(6)); }
  });
  if (location.hash.length > 1 && location.hash.indexOf("=") >= 0) fromHash();
  else apply(true);
  document.documentElement.dataset.ready = "1";
}());
