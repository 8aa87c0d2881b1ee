// Small progressive enhancements; every page works without them.
document.addEventListener("DOMContentLoaded", () => {
  // Bring the highlighted evidence into view on the document page.
  const here = document.querySelector("[data-testid=highlight]");
  if (here) here.scrollIntoView({ block: "center" });

  // Decision form: show the request lines only for "request information"; remind about the
  // note when the reviewer overrules the recommendation (the server enforces it too).
  const form = document.querySelector("form.decision");
  if (!form) return;
  const requests = form.querySelector("label.requests");
  const hint = form.querySelector(".overrule-hint");
  const note = form.querySelector("textarea[name=note]");
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
  form.addEventListener("change", update);
  update();
});
