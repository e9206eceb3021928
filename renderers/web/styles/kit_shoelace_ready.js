// Shoelace's page script (kit.Kit.head_js of kit-shoelace), run first in <head>. Shoelace's components are Lit web
// components with shadow DOM; its autoloader (cdn/shoelace-autoloader.js, served offline like the sheets) imports
// each sl-* element's module the first time a page uses it. The autoloader finds them on the page it first runs on
// (and watches that document's root); document.write keeps the window and its module map but replaces the root,
// so each later page asks it again (its exported discover()). measure.js awaits window.gfKitReady before it lays
// out and measures, so that the capture sees the page rendered and still, whatever the worker drew before:
//  1. every sl-* element (in the page and in the shadow trees it rendered, until no new one appears) is defined
//     (customElements.whenDefined) and has rendered its last update (Lit's updateComplete, until none is pending:
//     a select picks its option's label, a radio group checks its radio, a frame or more later);
//  2. every sl-icon that names an icon has drawn its SVG (it fetches it: our icons are data: URIs of the page's
//     icon set, Shoelace's own "system" icons data: URIs of its own);
//  3. no motion: shadow trees get a sheet with transitions and animations off (the document's own no-motion rule,
//     kit_base.css, does not reach into them: a tab group's indicator slides), running ones are finished; then the
//     fonts the laid-out text needs are loaded (a tab group moves its indicator when its tabs change width) and two
//     frames pass.
// Each wait gives up after 20 s, naming what was not done (kit_ready.js, run first).
window.gfKitReady = async () => {
  const { within, frame, until, roots, elements, defined, still } =
    window.gfKitTools("kit-shoelace", "@shoelace-style/shoelace");
  const shoelace = () => elements("sl-");

  const loader = document.querySelector("script[type=module][src*='shoelace-autoloader']");
  if (!loader) throw new Error("kit-shoelace: the page links no shoelace-autoloader.js");
  const { discover } = await within(import(loader.src), "loading Shoelace's autoloader");
  await within(discover(document.body), "importing the page's Shoelace components");

  for (let seen = -1, calm = 0; calm < 2; ) {
    const all = shoelace();
    await defined(all);
    const pending = all.some(el => el.isUpdatePending || !el.hasUpdated);
    await within(Promise.all(all.map(el => el.updateComplete)), "rendering Shoelace's elements");
    await frame();
    calm = pending || all.length !== seen || shoelace().some(el => el.isUpdatePending) ? 0 : calm + 1;
    seen = all.length;
  }

  await until(() => !roots().flatMap(r => [...r.querySelectorAll("sl-icon")])
    .some(el => (el.getAttribute("src") || el.getAttribute("name"))
      && !(el.shadowRoot && el.shadowRoot.querySelector("svg"))), "drawing every sl-icon's SVG");

  still();
  document.body.offsetHeight;
  await within(document.fonts.ready, "loading the page's fonts");
  await frame();
  await within(Promise.all(shoelace().map(el => el.updateComplete)), "rendering Shoelace's elements");
  await frame();
};
