// Small progressive enhancements; every page works without them.
document.addEventListener("DOMContentLoaded", () => {
  // Bring the highlighted evidence into view on the document page.
  const here = document.querySelector("main > .page-wrap [data-testid=highlight], main [data-testid=highlight]");
  if (here && !document.querySelector("[data-testid=viewer]")) here.scrollIntoView({ block: "center" });
  fitWorkspace();
  const decision = decisionForm();
  const viewer = documentViewer();
  shortcuts(decision, viewer);
});

// The claim page's workspace fills the window below whatever stands above it (a flash message,
// an error), so the decision form is in view without scrolling (CSS gives a fixed guess first).
function fitWorkspace() {
  const workspace = document.querySelector(".workspace");
  if (!workspace) return;
  const fit = () => {
    if (window.matchMedia("(max-width: 900px)").matches) { workspace.style.height = ""; return; }
    const top = workspace.getBoundingClientRect().top + window.scrollY;
    workspace.style.height = `${Math.max(460, window.innerHeight - top - 12)}px`;
  };
  fit();
  window.addEventListener("resize", fit);
}

// Decision form: show the request lines only for "request information"; remind about the note
// when the reviewer overrules the recommendation (the server enforces it too).
function decisionForm() {
  const form = document.querySelector("form.decision");
  if (!form) return null;
  const requests = form.querySelector("label.requests");
  const hint = form.querySelector(".overrule-hint");
  const note = form.querySelector("textarea[name=note]");
  const button = form.querySelector("button[type=submit]");
  const confirmLine = form.querySelector(".confirm-line");
  const update = () => {
    const chosen = form.querySelector("input[name=decision]:checked");
    const value = chosen ? chosen.value : "";
    if (requests) requests.hidden = value !== "request_info";
    const why = form.querySelector("fieldset.overrule-why");
    const overrule = form.dataset.recommendation && value && value !== form.dataset.recommendation;
    if (hint) hint.style.fontWeight = overrule ? "700" : "normal";
    // Same rule as the server (delivery.web.ops): a note only to overrule; a rejection as
    // recommended carries the recommendation's reasons.
    if (note) note.required = Boolean(overrule);
    // Only an overrule is asked which criteria were wrong (the server asks the same).
    if (why) why.hidden = !overrule;
  };
  form.addEventListener("change", (e) => {
    update();
    // Another decision chosen: the confirmation asked for the previous one is void.
    if (confirmLine && e.target.name === "decision") confirmLine.textContent = "";
  });
  update();
  const label = (value) => ({ approve: "Approve", reject: "Reject", request_info: "Request information" })[value] || value;
  return {
    // Select a decision and go to the note: nothing is recorded until "Record decision".
    choose(value) {
      const radio = form.querySelector(`input[name=decision][value=${value}]`);
      if (!radio) return false;
      radio.checked = true;
      radio.dispatchEvent(new Event("change", { bubbles: true }));
      if (note) note.focus();
      return true;
    },
    // The keyboard's confirmation step: focus the button and say what Enter will record.
    arm() {
      const chosen = form.querySelector("input[name=decision]:checked");
      if (!chosen || !button) return;
      if (confirmLine) confirmLine.textContent = `Press Enter to record: ${label(chosen.value)} (Esc: back to the note)`;
      button.focus();
    },
    disarm() {
      if (confirmLine) confirmLine.textContent = "";
      if (note) note.focus();
    },
    armed: () => Boolean(confirmLine && confirmLine.textContent) && document.activeElement === button,
  };
}

// The claim page's document viewer: every page of a document one under another, zoom, and
// next / previous evidence moving the highlight to the evidence's box on its page. The boxes and
// text views come from the document pages themselves (/claims/<id>/documents/<n>?ev=<i>), so the
// viewer shows exactly what those pages compute.
function documentViewer() {
  const viewer = document.querySelector("[data-testid=viewer]");
  if (!viewer) return null;
  const claim = viewer.dataset.claim;
  const pages = viewer.querySelector(".viewer-pages");
  const select = viewer.querySelector("select[data-testid=viewer-doc]");
  const quote = viewer.querySelector("[data-testid=viewer-quote]");
  const pos = viewer.querySelector("[data-testid=evidence-pos]");
  const zoomLevel = viewer.querySelector("[data-testid=zoom-level]");
  const links = [...document.querySelectorAll("a.evidence-link[data-ev][data-doc]")];
  const fetched = new Map();
  let shown = select && select.options.length ? Number(select.options[0].value) : null;
  let current = -1;
  let zoom = 1;
  let lastMove = 0;
  let recentre = null;
  // Pages above the evidence load late (lazy): each one that loads soon after a move keeps the
  // highlight where the reviewer is looking. A loaded page drops its placeholder proportions.
  pages.addEventListener("load", (e) => {
    if (!(e.target instanceof HTMLImageElement)) return;
    const box = e.target.closest(".vpage");
    if (box) box.classList.add("loaded");
    if (recentre && Date.now() - lastMove < 4000) recentre();
  }, true);
  const stay = () => { lastMove = 0; }; // the reviewer scrolls: leave the view where they put it
  pages.addEventListener("wheel", stay, { passive: true });
  pages.addEventListener("keydown", stay);
  pages.querySelectorAll(".vpage img").forEach((img) => { if (img.complete && img.naturalWidth) img.closest(".vpage").classList.add("loaded"); });

  const load = (url) => {
    if (!fetched.has(url)) {
      fetched.set(url, fetch(url, { credentials: "same-origin" })
        .then((r) => r.text())
        .then((html) => new DOMParser().parseFromString(html, "text/html")));
    }
    return fetched.get(url);
  };
  const option = (no) => select && [...select.options].find((o) => Number(o.value) === no);
  const pageBox = (n) => pages.querySelector(`.vpage[data-page="${n}"]`);

  function renderPages(no, count) {
    const path = option(no) ? option(no).textContent : "";
    pages.replaceChildren();
    for (let n = 1; n <= count; n++) {
      const box = document.createElement("div");
      box.className = "vpage";
      box.dataset.page = String(n);
      const img = document.createElement("img");
      img.src = `/claims/${claim}/documents/${no}/pages/${n}.png`;
      img.alt = `Page ${n} of ${path}`;
      if (n > 3) img.loading = "lazy";
      box.append(img);
      pages.append(box);
    }
  }

  // Show document ``no``: its pages, or its extracted text (``doc``: its page, when fetched).
  async function show(no, doc) {
    const opt = option(no);
    if (!opt) return;
    if (select.value !== String(no)) select.value = String(no);
    const paged = opt.dataset.kind === "pages";
    if (paged) {
      const known = doc && doc.querySelector("[data-testid=pdf-page]");
      const count = known ? Number(known.dataset.pages) : Number(opt.dataset.pages) || 1;
      if (shown !== no || pages.querySelectorAll(".vpage").length !== count) renderPages(no, count);
    } else {
      const page = doc || (await load(`/claims/${claim}/documents/${no}`));
      const parts = page.querySelectorAll("main [data-testid=text-view], main .sheet-wrap, main .flash.error, main p.sub");
      pages.replaceChildren(...[...parts].map((p) => document.importNode(p, true)));
      if (!parts.length) pages.textContent = "No extracted text is available for this document.";
    }
    shown = no;
  }

  function clearMarks() {
    pages.querySelectorAll(".vpage .highlight").forEach((h) => h.remove());
  }

  function centre(el) {
    if (!el) return;
    const top = el.getBoundingClientRect().top - pages.getBoundingClientRect().top + pages.scrollTop;
    pages.scrollTop = Math.max(0, top - pages.clientHeight / 3);
  }

  async function go(index) {
    if (!links.length) return;
    current = (index + links.length) % links.length;
    const link = links[current];
    links.forEach((l) => l.removeAttribute("aria-current"));
    link.setAttribute("aria-current", "true");
    link.scrollIntoView({ block: "nearest" });
    if (pos) pos.textContent = `${current + 1} of ${links.length}`;
    const text = link.querySelector("q");
    const where = link.querySelector(".where");
    quote.hidden = false;
    quote.textContent = `${link.dataset.criterion}: “${text ? text.textContent : ""}” ${where ? where.textContent : ""}`;
    const doc = await load(link.getAttribute("href"));
    if (links[current] !== link) return; // the reviewer moved on meanwhile
    const no = Number(link.dataset.doc);
    await show(no, doc);
    const pdf = doc.querySelector("[data-testid=pdf-page]");
    if (pdf) {
      clearMarks();
      const box = pageBox(Number(pdf.dataset.page));
      const img = box.querySelector("img");
      if (img) img.loading = "eager"; // the evidence's page now, not when scrolled to
      let first = null;
      pdf.querySelectorAll(".highlight").forEach((h) => {
        const mark = document.createElement("div");
        mark.className = "highlight";
        mark.dataset.testid = "highlight";
        mark.setAttribute("style", h.getAttribute("style"));
        box.append(mark);
        first = first || mark;
      });
      recentre = () => { if (links[current] === link) centre(first || box); };
    } else {
      recentre = () => centre(pages.querySelector("#evidence-here"));
    }
    lastMove = Date.now();
    recentre();
  }

  function setZoom(value) {
    zoom = Math.min(3, Math.max(0.5, value));
    pages.style.setProperty("--zoom", String(zoom));
    if (zoomLevel) zoomLevel.textContent = `${Math.round(zoom * 100)}%`;
    const mark = pages.querySelector(".vpage .highlight");
    if (mark) centre(mark);
  }

  links.forEach((link, i) => link.addEventListener("click", (e) => {
    if (e.ctrlKey || e.metaKey || e.shiftKey || e.button !== 0) return; // a new tab: the page
    e.preventDefault();
    go(i);
  }));
  if (select) select.addEventListener("change", () => { clearMarks(); show(Number(select.value)); });
  const on = (sel, fn) => { const b = viewer.querySelector(sel); if (b) b.addEventListener("click", fn); };
  on("[data-testid=next-evidence]", () => go(current + 1));
  on("[data-testid=prev-evidence]", () => go(current < 0 ? links.length - 1 : current - 1));
  on("[data-zoom=in]", () => setZoom(zoom + 0.25));
  on("[data-zoom=out]", () => setZoom(zoom - 0.25));
  on("[data-zoom=fit]", () => setZoom(1));
  if (pos) pos.textContent = links.length ? `– of ${links.length}` : "none";
  if (select && option(shown) && option(shown).dataset.kind !== "pages") show(shown);
  return {
    next: () => go(current + 1),
    previous: () => go(current < 0 ? links.length - 1 : current - 1),
    zoomIn: () => setZoom(zoom + 0.25),
    zoomOut: () => setZoom(zoom - 0.25),
    fit: () => setZoom(1),
  };
}

// Keyboard shortcuts (help: "?"). Letters never act while the reviewer types in a field.
function shortcuts(decision, viewer) {
  const help = document.getElementById("shortcuts");
  const opener = document.querySelector("[data-opens=shortcuts]");
  const toggleHelp = () => {
    if (!help) return;
    if (help.open) help.close(); else help.showModal();
  };
  if (opener) opener.addEventListener("click", toggleHelp);
  const closer = document.querySelector("[data-closes=shortcuts]");
  if (closer) closer.addEventListener("click", () => help && help.close());
  const nextClaim = document.querySelector("[data-testid=next-claim]");
  const queueLinks = [...document.querySelectorAll("table[data-testid=queue] a.claim-link")];
  const moveInQueue = (step) => {
    if (!queueLinks.length) return;
    const at = queueLinks.indexOf(document.activeElement);
    const to = at < 0 ? (step > 0 ? 0 : queueLinks.length - 1) : Math.min(queueLinks.length - 1, Math.max(0, at + step));
    queueLinks[to].focus();
  };
  document.addEventListener("keydown", (e) => {
    if (e.defaultPrevented || e.isComposing) return;
    const target = e.target instanceof Element ? e.target : null;
    const typing = target && target.closest("input:not([type=radio]):not([type=checkbox]), textarea, select, [contenteditable=true]");
    if (decision && e.key === "Escape" && decision.armed()) { e.preventDefault(); decision.disarm(); return; }
    if (typing) {
      if (decision && e.key === "Enter" && (e.ctrlKey || e.metaKey) && target.closest("form.decision")) {
        e.preventDefault();
        decision.arm();
      }
      return;
    }
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const actions = {
      "?": toggleHelp,
      a: () => decision && decision.choose("approve"),
      i: () => decision && decision.choose("request_info"),
      r: () => decision && decision.choose("reject"),
      j: () => (viewer ? viewer.next() : moveInQueue(1)),
      k: () => (viewer ? viewer.previous() : moveInQueue(-1)),
      n: () => nextClaim && window.location.assign(nextClaim.href),
      "+": () => viewer && viewer.zoomIn(),
      "=": () => viewer && viewer.zoomIn(),
      "-": () => viewer && viewer.zoomOut(),
      0: () => viewer && viewer.fit(),
    };
    const act = actions[e.key];
    if (!act || (help && help.open && e.key !== "?")) return;
    e.preventDefault();
    act();
  });
}
