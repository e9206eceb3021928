// Ionic's page script (kit.Kit.head_js of kit-ionic), run first in <head>. Ionic's components are Stencil web
// components: @ionic/core's lazy loader (dist/ionic/ionic.esm.js, served offline) defines every ion-* element and
// fetches its code when the page first uses it; each then renders its shadow tree (or scoped light DOM) a frame or
// more later, and ion-icon draws its SVG later still. measure.js awaits window.gfKitReady before it lays out and
// measures, so that the capture sees the page hydrated and still, whatever the worker drew before:
//  1. every ion-* element (in the page and in the shadow trees it rendered, until no new one appears) is defined
//     (customElements.whenDefined) and rendered (Stencil's componentOnReady);
//  2. action sheets marked data-gf-sheet get their buttons (a property, not an attribute) and open (isOpen), awaited
//     to ionActionSheetDidPresent; their container, title and buttons take the annotation (data-nid) of the dialog;
//  3. a field marked data-gf-native hands its annotation (data-nid, data-focus, aria-invalid, aria-disabled) to the
//     native <input>/<textarea> Ionic renders inside it (the element a user types into, as other kits annotate);
//  4. every ion-icon has its SVG;
//  5. no motion: shadow trees get a sheet with transitions and animations off (the document's own no-motion rule,
//     kit_base.css, does not reach into them; a segment's divider faded out over the first capture) and no
//     backdrop blur (translucent bars: Chromium drew blurred layers' text differently from one render to the next,
//     see kit_framework7.py), running ones are finished; then two frames pass;
//  6. a host's role and aria-* attributes that Ionic moved into its shadow tree or rewrote (ion-button's,
//     ion-item's...) are put back from data-gf-attrs, a copy the template wrote (the host is the annotated element,
//     the box a user sees), until they hold a frame later.
// Each wait gives up after 20 s (a loaded machine took over 10 s to fetch the chunks), naming what was not done
// (kit_ready.js, run first).
// Ionic's configuration, read once when its loader first runs in this window (document.write keeps the window): no
// JS animations (overlays open at once), no ripples. The mode comes from <html mode="ios|md">, page by page.
window.Ionic = window.Ionic || { config: { animated: false, rippleEffect: false } };
window.gfKitReady = async () => {
  const { within, frame, until, roots, hydrate, still } = window.gfKitTools("kit-ionic", "@ionic/core");

  await hydrate("ion-", all => within(Promise.all(all.map(el => el.componentOnReady())), "rendering Ionic's elements"));

  for (const sheet of document.querySelectorAll("ion-action-sheet[data-gf-sheet]")) {
    const spec = JSON.parse(sheet.dataset.gfSheet);
    sheet.buttons = spec.buttons;
    // Ionic teleports an inline overlay to the app root on opening (its default FrameworkDelegate): this one (its
    // `delegate` property) leaves it in its overlay, the parent the layout gives the dialog. It still draws fixed
    // over the whole viewport above everything, with its own backdrop.
    sheet.delegate = { attachViewToDom: async container => container, removeViewFromDom: async () => {} };
    const shown = new Promise(done => sheet.addEventListener("ionActionSheetDidPresent", done, { once: true }));
    sheet.isOpen = true;
    await within(shown, "opening an action sheet");
    const box = sheet.querySelector(".action-sheet-container");
    box.setAttribute("role", "dialog");
    box.dataset.nid = spec.nid;
    const title = sheet.querySelector(".action-sheet-title");
    if (spec.title && title) {
      const words = document.createElement("span");
      words.className = "gf-text";
      words.dataset.nid = spec.title.nid;
      words.textContent = spec.title.text;
      title.replaceChildren(words);
    }
  }

  for (const host of document.querySelectorAll("[data-gf-native]")) {
    const field = host.querySelector("input, textarea");
    if (!field) throw new Error(`kit-ionic: ${host.localName} rendered no native field`);
    for (const name of ["data-nid", "data-focus", "aria-invalid", "aria-disabled"]) {
      if (!host.hasAttribute(name)) continue;
      field.setAttribute(name, host.getAttribute(name));
      host.removeAttribute(name);
    }
  }

  await until(() => !roots().flatMap(r => [...r.querySelectorAll("ion-icon")])
    .some(el => !el.shadowRoot || !el.shadowRoot.querySelector("svg")), "drawing every ion-icon's SVG");

  still(" backdrop-filter: none !important;");
  await frame();
  await frame();

  // Last, once Ionic has stopped re-rendering: a component re-rendered by a child's event (an ion-item by its
  // ion-radio's style) writes its host's attributes again. Put back, then checked a frame later, until they hold.
  const kept = [...document.querySelectorAll("[data-gf-attrs]")].map(el => [el, JSON.parse(el.dataset.gfAttrs)]);
  const holds = () => kept.every(([el, attrs]) =>
    Object.entries(attrs).every(([k, v]) => el.getAttribute(k) === String(v)));
  for (let round = 0; !holds(); round++) {
    if (round === 20) throw new Error("kit-ionic: Ionic keeps rewriting its hosts' roles (data-gf-attrs)");
    for (const [el, attrs] of kept) for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
    await frame();
  }
};
