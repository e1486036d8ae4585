// The unroot playground: the page around one WebAssembly function,
// unrootPlayground(requestJSON) -> responseJSON (see playground/wasm).
// Nothing here talks to a server once the page is loaded: the Dockerfile is
// read, rewritten and diffed in this tab, and a shared link carries the
// state in its fragment (#s=...), which browsers do not send.
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  const data = window.UNROOT_PLAYGROUND_DATA; // data.js: examples and rules, made at build time
  const ui = {
    source: $("source"), gutter: $("gutter"), example: $("example"), uid: $("uid"), gid: $("gid"),
    passwd: $("passwd"), rules: $("rules"), findings: $("findings"), count: $("findings-count"),
    error: $("error"), diff: $("diff"), patched: $("patched"), diffStatus: $("diff-status"), command: $("command"),
    tabDiff: $("tab-diff"), tabPatched: $("tab-patched"),
    copy: $("copy"), download: $("download"), share: $("share"), notice: $("notice"),
  };
  const DEBOUNCE_MS = 120;

  // What the tests and a curious visitor can read: timings of the work
  // done in this tab (performance.now() counts from the navigation start).
  // firstDiffFrom says where the first diff shown came from: "build" (an
  // example's result computed when the site was built, shown before the
  // WebAssembly is ready) or "wasm"; firstComputedMs is when the module
  // first showed a result of its own.
  const stats = {
    firstDiffMs: null, firstDiffFrom: null, firstComputedMs: null,
    updates: 0, lastUpdateMs: null, lastWasmMs: null, updateMs: [], pending: false,
  };
  window.unrootPlaygroundStats = stats;

  let last = null; // the last response shown
  let timer = 0;
  let gutterLines = 0;

  // ---- controls -------------------------------------------------------

  for (const ex of data.examples) {
    const o = document.createElement("option");
    o.value = ex.id;
    o.textContent = ex.title;
    ui.example.append(o);
  }
  for (const r of data.rules) {
    const label = document.createElement("label");
    label.title = r.name + ": " + r.summary;
    const box = document.createElement("input");
    box.type = "checkbox";
    box.checked = true;
    box.id = "rule-" + r.id;
    box.value = r.id;
    label.append(box, r.id);
    ui.rules.append(label);
  }
  const ruleBoxes = () => [...ui.rules.querySelectorAll("input[type=checkbox]")];

  function readState() {
    return {
      source: ui.source.value,
      uid: ui.uid.value.trim(),
      gid: ui.gid.value.trim(),
      passwd: ui.passwd.value,
      skip: ruleBoxes().filter((b) => !b.checked).map((b) => b.value),
    };
  }

  function writeState(s) {
    ui.source.value = s.source || "";
    ui.uid.value = s.uid || "";
    ui.gid.value = s.gid || "";
    ui.passwd.value = s.passwd || "";
    const skip = new Set(s.skip || []);
    for (const b of ruleBoxes()) b.checked = !skip.has(b.value);
    renderGutter();
  }

  // ---- the link: state in the URL fragment ----------------------------

  const b64url = {
    encode(bytes) {
      let bin = "";
      for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
    },
    decode(s) {
      const bin = atob(s.replace(/-/g, "+").replace(/_/g, "/"));
      return Uint8Array.from(bin, (c) => c.charCodeAt(0));
    },
  };
  const canCompress = typeof CompressionStream === "function" && typeof DecompressionStream === "function";

  async function pipe(bytes, stream) {
    const out = new Response(new Blob([bytes]).stream().pipeThrough(stream));
    return new Uint8Array(await out.arrayBuffer());
  }

  // "#s=" is deflate-compressed JSON; "#j=" plain JSON (browsers without
  // CompressionStream). Both are base64url.
  async function encodeState(s) {
    const json = new TextEncoder().encode(JSON.stringify(s));
    if (canCompress) return "s=" + b64url.encode(await pipe(json, new CompressionStream("deflate-raw")));
    return "j=" + b64url.encode(json);
  }

  async function decodeState(hash) {
    const m = /^#?([sj])=([A-Za-z0-9_-]*)$/.exec(hash);
    if (!m) return null;
    let bytes = b64url.decode(m[2]);
    if (m[1] === "s") bytes = await pipe(bytes, new DecompressionStream("deflate-raw"));
    const s = JSON.parse(new TextDecoder().decode(bytes));
    return s && typeof s.source === "string" ? s : null;
  }

  let linkSeq = 0;
  async function updateLink(s) {
    const seq = ++linkSeq;
    const frag = await encodeState(s);
    if (seq === linkSeq) history.replaceState(null, "", "#" + frag);
  }

  // ---- running unroot -------------------------------------------------

  function run() {
    clearTimeout(timer);
    stats.pending = false;
    if (typeof window.unrootPlayground !== "function") {
      // An edit before the module is ready: start() runs it then.
      if (stats.firstDiffFrom) ui.diffStatus.textContent = "unroot is starting: the diff follows";
      return;
    }
    const t0 = performance.now();
    const s = readState();
    const req = { source: s.source, uid: s.uid, gid: s.gid, passwd: s.passwd, skip: s.skip };
    let resp;
    try {
      resp = JSON.parse(window.unrootPlayground(JSON.stringify(req)));
    } catch (e) {
      // The Go program has stopped (it cannot be restarted in place).
      resp = { error: { message: "unroot stopped (" + e.message + "): reload the page", line: 0 }, findings: [] };
    }
    const tWasm = performance.now();
    render(resp);
    const t1 = performance.now();
    stats.updates++;
    stats.lastUpdateMs = t1 - t0;
    stats.lastWasmMs = tWasm - t0;
    stats.updateMs.push(t1 - t0);
    if (stats.firstDiffMs === null) {
      stats.firstDiffMs = t1;
      stats.firstDiffFrom = "wasm";
    }
    if (stats.firstComputedMs === null) stats.firstComputedMs = t1;
    document.body.dataset.updates = String(stats.updates);
    updateLink(s).catch(() => {});
  }

  function schedule() {
    clearTimeout(timer);
    stats.pending = true;
    timer = setTimeout(run, DEBOUNCE_MS);
  }

  // ---- rendering ------------------------------------------------------

  function render(resp) {
    last = resp;
    const err = resp.error;
    ui.error.hidden = !err;
    ui.error.textContent = err ? err.message : "";
    ui.error.dataset.line = err && err.line ? String(err.line) : "";

    ui.findings.replaceChildren();
    for (const f of resp.findings || []) ui.findings.append(findingItem(f));
    for (const w of resp.warnings || []) ui.findings.append(noteItem(w.line, "warning", w.message));
    if (resp.skipped) ui.findings.append(noteItem(0, "skipped", resp.skipped));
    const n = (resp.findings || []).length;
    ui.count.textContent = err ? "" : n === 1 ? "1 finding" : n + " findings";
    if (!err && n === 0 && !resp.skipped) {
      const li = document.createElement("li");
      li.className = "empty";
      li.textContent = "Nothing to report: the image already runs as an arbitrary non-root UID.";
      ui.findings.append(li);
    }

    const frag = document.createDocumentFragment();
    for (const line of (resp.diff || "").split(/(?<=\n)/)) {
      if (!line) continue;
      const span = document.createElement("span");
      span.className = line.startsWith("+++") || line.startsWith("---") ? "meta"
        : line.startsWith("@@") ? "hunk" : line[0] === "+" ? "add" : line[0] === "-" ? "del" : "ctx";
      span.textContent = line; // the <pre>'s textContent is the diff, byte for byte
      frag.append(span);
    }
    ui.diff.replaceChildren(frag);
    ui.patched.textContent = err ? "" : resp.output;
    ui.diffStatus.textContent = err ? "not computed: see the error" : resp.changed ? "unified, as unroot -d prints it" : "no changes";
    ui.command.textContent = err ? "" : resp.command;
    ui.copy.disabled = !!err;
    ui.download.disabled = !!err || !resp.diff;
    markGutter();
  }

  function findingItem(f) {
    const li = document.createElement("li");
    li.dataset.line = String(f.line);
    const line = document.createElement("span");
    line.className = "line";
    line.textContent = f.line ? "line " + f.line : "file";
    const rule = document.createElement("span");
    rule.className = "rule";
    if (f.url) {
      const a = document.createElement("a");
      a.href = f.url;
      a.target = "_blank";
      a.rel = "noopener";
      a.textContent = f.rule + " " + f.name;
      a.title = "Documentation of " + f.rule;
      rule.append(a);
    } else {
      rule.textContent = f.rule || "note";
    }
    const kind = document.createElement("span");
    kind.className = "kind " + (f.fixed ? "fixed" : "reported");
    kind.textContent = f.fixed ? "fixed" : "reported";
    const msg = document.createElement("span");
    msg.className = "message";
    msg.textContent = f.message;
    li.append(line, rule, kind, msg);
    return li;
  }

  function noteItem(lineNo, what, message) {
    return findingItem({ line: lineNo, rule: what, message, fixed: false });
  }

  // ---- the editor's line numbers and jumps ----------------------------

  function renderGutter() {
    const n = ui.source.value.split("\n").length;
    if (n !== gutterLines) {
      const frag = document.createDocumentFragment();
      for (let i = 1; i <= n; i++) {
        const d = document.createElement("div");
        d.textContent = String(i);
        frag.append(d);
      }
      ui.gutter.replaceChildren(frag);
      gutterLines = n;
      markGutter();
    }
    ui.gutter.scrollTop = ui.source.scrollTop;
  }

  let activeLine = 0;
  function markGutter() {
    const errLine = last && last.error ? last.error.line : 0;
    ui.gutter.querySelectorAll(".mark, .err").forEach((d) => d.classList.remove("mark", "err"));
    const at = (n) => (n > 0 ? ui.gutter.children[n - 1] : null);
    at(activeLine)?.classList.add("mark");
    at(errLine)?.classList.add("err");
  }

  function jumpTo(lineNo) {
    if (!lineNo) return;
    const lines = ui.source.value.split("\n");
    let start = 0;
    for (let i = 0; i < lineNo - 1 && i < lines.length; i++) start += lines[i].length + 1;
    const end = start + (lines[lineNo - 1] || "").length;
    const lh = parseFloat(getComputedStyle(ui.source).lineHeight) || 18;
    ui.source.focus({ preventScroll: true });
    ui.source.setSelectionRange(start, end);
    ui.source.scrollTop = Math.max(0, (lineNo - 1) * lh - ui.source.clientHeight / 3);
    activeLine = lineNo;
    markGutter();
    renderGutter();
    if (matchMedia("(max-width: 760px)").matches) ui.source.scrollIntoView({ block: "center" });
  }

  ui.findings.addEventListener("click", (e) => {
    if (e.target.closest("a")) return; // the rule's documentation link
    const li = e.target.closest("li[data-line]");
    if (!li) return;
    ui.findings.querySelectorAll("li.active").forEach((x) => x.classList.remove("active"));
    li.classList.add("active");
    jumpTo(Number(li.dataset.line));
  });
  ui.error.addEventListener("click", () => jumpTo(Number(ui.error.dataset.line)));

  // ---- buttons ----------------------------------------------------------

  function showTab(patched) {
    ui.tabDiff.setAttribute("aria-selected", String(!patched));
    ui.tabPatched.setAttribute("aria-selected", String(patched));
    ui.diff.hidden = patched;
    ui.patched.hidden = !patched;
  }
  ui.tabDiff.addEventListener("click", () => showTab(false));
  ui.tabPatched.addEventListener("click", () => showTab(true));

  let noticeTimer = 0;
  function notice(text) {
    ui.notice.textContent = text;
    clearTimeout(noticeTimer);
    noticeTimer = setTimeout(() => (ui.notice.textContent = ""), 2500);
  }

  async function copyText(text) {
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      const t = document.createElement("textarea");
      t.value = text;
      document.body.append(t);
      t.select();
      document.execCommand("copy");
      t.remove();
    }
  }

  ui.copy.addEventListener("click", async () => {
    run();
    if (!last || last.error) return;
    await copyText(last.output);
    notice("Patched file copied");
  });
  ui.download.addEventListener("click", () => {
    run();
    if (!last || !last.diff) return;
    const url = URL.createObjectURL(new Blob([last.diff], { type: "text/x-diff" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = "Dockerfile.unroot.patch";
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  });
  ui.share.addEventListener("click", async () => {
    await updateLink(readState());
    await copyText(location.href);
    notice("Link copied");
  });

  // ---- events -----------------------------------------------------------

  ui.source.addEventListener("input", () => {
    renderGutter();
    schedule();
  });
  ui.source.addEventListener("scroll", () => (ui.gutter.scrollTop = ui.source.scrollTop));
  for (const el of [ui.uid, ui.gid]) el.addEventListener("input", schedule);
  ui.passwd.addEventListener("change", run);
  ui.rules.addEventListener("change", run);
  ui.example.addEventListener("change", () => {
    const ex = data.examples.find((x) => x.id === ui.example.value);
    if (!ex) return;
    ui.source.value = ex.source;
    ui.source.scrollTop = 0;
    activeLine = 0;
    renderGutter();
    run();
  });
  window.addEventListener("hashchange", async () => {
    const s = await decodeState(location.hash).catch(() => null);
    if (s) {
      writeState(s);
      run();
    }
  });

  // ---- start ------------------------------------------------------------

  async function loadWasm() {
    const go = new Go();
    // index.html started compiling the module as the page began to load.
    const instance = await WebAssembly.instantiate(await window.unrootWasmModule, go.importObject);
    stats.wasmReadyMs = performance.now();
    go.run(instance); // defines unrootPlayground, then waits for calls
    stats.goStartedMs = performance.now();
  }

  async function start() {
    const wasm = loadWasm();
    let restored = null;
    try {
      restored = await decodeState(location.hash);
    } catch {
      notice("The link's state could not be read");
    }
    if (restored) {
      writeState(restored);
    } else {
      ui.example.value = data.examples[0].id;
      writeState({ source: data.examples[0].source });
      // The example under the default options: its result was computed
      // when the site was built; show it while the module starts.
      render(data.examples[0].result);
      stats.firstDiffMs = performance.now();
      stats.firstDiffFrom = "build";
    }
    try {
      await wasm;
    } catch (e) {
      ui.diffStatus.textContent = "unroot could not start: " + e;
      return;
    }
    run();
  }
  start();
})();
