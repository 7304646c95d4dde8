/* The report's behaviour: filters, search, stepping through findings, copying suggestions.
   It reads the findings from the JSON block and only ever sets text (never markup), so
   whatever the audited text contains stays text. Without it the page is still complete. */
(function () {
  "use strict";
  const dataNode = document.getElementById("tqa-data");
  if (!dataNode) {
    return;
  }
  const data = JSON.parse(dataNode.textContent || "{}");
  const findings = Array.isArray(data.findings) ? data.findings : [];
  document.documentElement.classList.add("js");

  const byNumber = new Map();
  const rows = new Map();
  const spans = new Map(); // finding number -> the marks that show its span, in page order
  const coverage = new Map(); // mark -> the finding numbers it shows
  for (const f of findings) {
    byNumber.set(f.n, f);
    spans.set(f.n, []);
    f.haystack = [f.text, f.message, f.rule, f.name, f.category, f.severity,
      f.suggestions.join("\n"), f.line + ":" + f.column].join("\n").toLowerCase();
  }
  for (const row of document.querySelectorAll("tr.finding-row")) {
    rows.set(Number(row.dataset.n), row);
  }
  const marks = Array.from(document.querySelectorAll("mark.finding"));
  for (const mark of marks) {
    const numbers = (mark.dataset.f || "").split(" ").filter(Boolean).map(Number);
    coverage.set(mark, numbers);
    for (const n of numbers) {
      const list = spans.get(n);
      if (list) {
        list.push(mark);
      }
    }
  }

  const byId = (id) => document.getElementById(id);
  const severityBoxes = Array.from(document.querySelectorAll("input.sev-filter"));
  const category = byId("filter-category");
  const rule = byId("filter-rule");
  const search = byId("filter-search");
  const status = byId("status");
  for (const select of [category, rule]) {
    for (const option of select.options) {
      option.dataset.label = option.textContent.replace(/ \(\d+\)$/, "");
    }
  }

  let visible = findings.slice();
  let shown = new Set(findings.map((f) => f.n));
  let current = 0;

  function say(message) {
    status.textContent = message;
  }

  function filters() {
    return {
      severities: new Set(severityBoxes.filter((box) => box.checked).map((box) => box.value)),
      category: category.value,
      rule: rule.value,
      terms: search.value.toLowerCase().split(/\s+/).filter(Boolean),
    };
  }

  // ``skip`` leaves one filter out: each control counts what the other filters let through.
  function passes(f, state, skip) {
    if (skip !== "severity" && !state.severities.has(f.severity)) {
      return false;
    }
    if (skip !== "category" && state.category && f.category !== state.category) {
      return false;
    }
    if (skip !== "rule" && state.rule && f.rule !== state.rule) {
      return false;
    }
    return state.terms.every((term) => f.haystack.includes(term));
  }

  function tally(state, skip, key) {
    const counts = new Map();
    for (const f of findings) {
      if (passes(f, state, skip)) {
        counts.set(key(f), (counts.get(key(f)) || 0) + 1);
      }
    }
    return counts;
  }

  function relabel(select, counts) {
    for (const option of select.options) {
      if (option.value) {
        option.textContent = option.dataset.label + " (" + (counts.get(option.value) || 0) + ")";
      }
    }
  }

  function apply() {
    const state = filters();
    visible = findings.filter((f) => passes(f, state, ""));
    shown = new Set(visible.map((f) => f.n));
    for (const [n, row] of rows) {
      row.hidden = !shown.has(n);
    }
    for (const mark of marks) {
      mark.classList.toggle("off", !coverage.get(mark).some((n) => shown.has(n)));
    }
    byId("shown-count").textContent = String(visible.length);
    const perSeverity = tally(state, "severity", (f) => f.severity);
    for (const node of document.querySelectorAll("[data-sev-count]")) {
      node.textContent = String(perSeverity.get(node.dataset.sevCount) || 0);
    }
    relabel(category, tally(state, "category", (f) => f.category));
    relabel(rule, tally(state, "rule", (f) => f.rule));
    for (const node of document.querySelectorAll("[data-file-count]")) {
      const file = Number(node.dataset.fileCount);
      const total = findings.filter((f) => f.file === file).length;
      const count = visible.filter((f) => f.file === file).length;
      node.textContent = count + " of " + total;
      const table = document.querySelector("table.findings[data-file=\"" + file + "\"]");
      const empty = table && table.querySelector("tr.empty");
      if (empty) {
        empty.hidden = count > 0;
      }
    }
    if (current && !shown.has(current)) {
      choose(0, {});
    }
    showPosition();
  }

  function showPosition() {
    const index = visible.findIndex((f) => f.n === current);
    byId("position").textContent = (index < 0 ? "–" : String(index + 1)) + " / " + visible.length;
  }

  // Bring a row into view inside the findings pane when the pane scrolls on its own (wide
  // screens); on narrow screens the pane is part of the page and the span matters more.
  function reveal(row) {
    const pane = row.closest(".findings-pane");
    if (!pane || pane.scrollHeight <= pane.clientHeight + 1) {
      return;
    }
    const box = pane.getBoundingClientRect();
    const place = row.getBoundingClientRect();
    if (place.top < box.top + 40 || place.bottom > box.bottom) {
      pane.scrollTop += place.top - box.top - box.height / 3;
    }
  }

  function choose(n, how) {
    for (const node of document.querySelectorAll(".current")) {
      node.classList.remove("current");
    }
    current = n;
    const row = rows.get(n);
    const marked = spans.get(n) || [];
    if (row) {
      row.classList.add("current");
      reveal(row);
    }
    for (const mark of marked) {
      mark.classList.add("current");
    }
    if (how.scroll) {
      const target = marked[0] || row;
      if (target) {
        target.scrollIntoView({ block: "center", inline: "nearest" });
      }
    }
    if (how.focus && marked[0]) {
      marked[0].focus({ preventScroll: true });
    }
    showPosition();
  }

  function step(direction) {
    if (!visible.length) {
      say("No finding matches the filters.");
      return;
    }
    let index = visible.findIndex((f) => f.n === current);
    if (index >= 0) {
      index = (index + direction + visible.length) % visible.length;
    } else {
      // The current finding was filtered out (or none chosen yet): continue from its place.
      index = direction > 0
        ? visible.findIndex((f) => f.n > current)
        : visible.map((f) => f.n < current).lastIndexOf(true);
      if (index < 0) {
        index = direction > 0 ? 0 : visible.length - 1;
      }
    }
    choose(visible[index].n, { scroll: true, focus: true });
  }

  function copy(text) {
    const done = () => say("Copied “" + text + "”");
    const fallback = () => {
      // Clipboard API refused (older browsers, some file:// setups): a selected textarea.
      const area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.className = "offscreen";
      document.body.appendChild(area);
      area.select();
      let copied = false;
      try {
        copied = document.execCommand("copy");
      } catch (error) {
        copied = false;
      }
      area.remove();
      if (copied) {
        done();
      } else {
        say("Could not copy here; select “" + text + "” and copy it by hand.");
      }
    };
    try {
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(done, fallback);
        return;
      }
    } catch (error) {
      // fall through to the textarea
    }
    fallback();
  }

  for (const box of severityBoxes) {
    box.addEventListener("change", apply);
  }
  category.addEventListener("change", apply);
  rule.addEventListener("change", apply);
  search.addEventListener("input", apply);
  byId("next-finding").addEventListener("click", () => step(1));
  byId("prev-finding").addEventListener("click", () => step(-1));

  for (const [n, row] of rows) {
    row.addEventListener("click", (event) => {
      const target = event.target;
      const link = target.closest("a");
      if (target.closest("button") || (link && !link.classList.contains("loc"))) {
        return; // copy buttons and rule links do their own thing
      }
      if (!link && String(window.getSelection())) {
        return; // the editor is selecting text to copy
      }
      event.preventDefault();
      choose(n, { scroll: true, focus: true });
    });
  }

  for (const mark of marks) {
    mark.addEventListener("click", (event) => {
      if (event.target.closest("a")) {
        return;
      }
      const numbers = coverage.get(mark);
      choose(numbers.find((n) => shown.has(n)) || numbers[0], {});
    });
  }

  document.addEventListener("click", (event) => {
    const button = event.target.closest ? event.target.closest("button.copy") : null;
    if (!button) {
      return;
    }
    const f = byNumber.get(Number(button.dataset.n));
    const text = f ? f.suggestions[Number(button.dataset.i)] : undefined;
    if (typeof text === "string") {
      copy(text);
    }
  });

  const typing = "input[type=search], input[type=text], select, textarea, [contenteditable]";
  document.addEventListener("keydown", (event) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    const target = event.target;
    if (target instanceof Element && target.matches(typing)) {
      if (target === search && event.key === "Escape") {
        search.value = "";
        apply();
        search.blur();
        event.preventDefault();
      } else if (target === search && event.key === "Enter") {
        step(1);
        event.preventDefault();
      }
      return;
    }
    switch (event.key) {
      case "j":
      case "n":
        step(1);
        break;
      case "k":
      case "p":
        step(-1);
        break;
      case "/":
        search.focus();
        search.select();
        break;
      case "Escape":
        choose(0, {});
        if (document.activeElement instanceof HTMLElement) {
          document.activeElement.blur();
        }
        break;
      default:
        return;
    }
    event.preventDefault();
  });

  // The findings pane and scrolled-to spans sit below the sticky toolbar, whose height
  // depends on the window's width; keep a CSS variable up to date with it.
  const toolbar = byId("toolbar");
  const measure = () => {
    document.documentElement.style.setProperty("--toolbar", toolbar.offsetHeight + "px");
  };
  measure();
  if (window.ResizeObserver) {
    new ResizeObserver(measure).observe(toolbar);
  }

  apply();
  // "#f12" links a finding by its number in this page, "#fp-<fingerprint>" by an identity
  // that stays the same when the report is made again after unrelated edits.
  const hash = window.location.hash;
  const byPrint = findings.find((f) => f.fp && hash === "#fp-" + f.fp);
  const numbered = /^#f(\d+)$/.exec(hash);
  const linked = byPrint ? byPrint.n : numbered ? Number(numbered[1]) : 0;
  if (byNumber.has(linked)) {
    choose(linked, { scroll: true, focus: true });
  }
})();
