// Material Web's page script (kit.Kit.head_js of kit-mwc), run first in <head>. Material Web's components are Lit
// elements with shadow DOM, shipped as one ES module per element that imports Lit by bare name; the page's import map
// resolves those names to the pinned files (served offline like the sheets), and its module scripts import each md-*
// element it uses. document.write keeps the window, its module map and its custom element registry, so a later page's
// modules are already evaluated and its elements upgrade as they are parsed. measure.js awaits window.gfKitReady
// before it lays out and measures, so that the capture sees the page rendered and still, whatever the worker drew
// before:
//  1. every module script of the page is evaluated (import() of its address: the same module record, or the error
//     that stopped it, such as a bare name the import map lacks);
//  2. every md-* element (in the page and in the shadow trees it rendered, until no new one appears) is defined
//     (customElements.whenDefined) and has rendered its last update (Lit's updateComplete, until none is pending: a
//     select shows its option's label, a tab bar its active tab, a frame or more later);
//  3. no motion: shadow trees get a sheet with transitions, animations and the blinking caret off (the document's own
//     rules, kit_base.css, do not reach into them: a tab's indicator, a switch's handle, a field's outline and the
//     caret of a focused field, which Material colours), running
//     animations (Material's Web Animations: the tab indicator, a field's label) are finished; then the fonts the
//     laid-out text needs are loaded and frames pass until two in a row change no md-* element's box.
// Each wait gives up after 20 s, naming what was not done (kit_ready.js, run first).
window.gfKitReady = async () => {
  const { LIMIT_MS, fail, within, frame, elements, defined, still } = window.gfKitTools("kit-mwc", "@material/web");
  const material = () => elements("md-");

  const modules = [...document.querySelectorAll("script[type=module][src*='@material/web/']")].map(s => s.src);
  if (!modules.length) throw new Error("kit-mwc: the page links no @material/web module");
  await within(Promise.all(modules.map(src => import(src))), "loading Material Web's modules");

  for (let seen = -1, calm = 0; calm < 2; ) {
    const all = material();
    await defined(all);
    const pending = all.some(el => el.isUpdatePending || !el.hasUpdated);
    await within(Promise.all(all.map(el => el.updateComplete)), "rendering Material Web's elements");
    await frame();
    calm = pending || all.length !== seen || material().some(el => el.isUpdatePending) ? 0 : calm + 1;
    seen = all.length;
  }

  still(" caret-color: transparent !important;");
  document.body.offsetHeight;
  await within(document.fonts.ready, "loading the page's fonts");

  const boxes = () => JSON.stringify(material().map(el => {
    const r = el.getBoundingClientRect();
    return [el.localName, r.left, r.top, r.width, r.height, el.isUpdatePending];
  }));
  let last = boxes();
  for (let calm = 0, started = performance.now(); calm < 2; ) {
    await frame();
    await within(Promise.all(material().map(el => el.updateComplete)), "rendering Material Web's elements");
    const now = boxes();
    calm = now === last ? calm + 1 : 0;
    last = now;
    if (performance.now() - started > LIMIT_MS) throw fail("settling Material Web's layout");
  }
};
