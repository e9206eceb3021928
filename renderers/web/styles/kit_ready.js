// The waits that web component kits' page scripts (kit_*_ready.js) make their window.gfKitReady of, run before each
// in the same <script> (kit.ready_script). window.gfKitTools(kit, pkg) gives them for one kit (its style's name, its
// npm package, both named in its errors); a window property, not a top-level const: document.write keeps the window,
// and the next page's script declares it again. Every wait gives up after LIMIT_MS, naming what was not done: the
// render fails and is retried, never captured half-drawn.
window.gfKitTools = (kit, pkg) => {
  const LIMIT_MS = 20000;
  const fail = what => new Error(`${kit}: ${what} not done within ${LIMIT_MS} ms (is ${pkg} installed? make setup)`);
  const within = (promise, what) => Promise.race([promise, new Promise((_, no) => setTimeout(
    () => no(fail(what)), LIMIT_MS))]);
  const frame = () => new Promise(done => requestAnimationFrame(done));
  const until = async (done, what) => {  // animation frames until done() holds
    for (const started = performance.now(); !done(); await frame())
      if (performance.now() - started > LIMIT_MS) throw fail(what);
  };
  const roots = () => {  // the document and every shadow root under it
    const out = [document];
    for (let i = 0; i < out.length; i++)
      for (const el of out[i].querySelectorAll("*")) if (el.shadowRoot) out.push(el.shadowRoot);
    return out;
  };
  // The kit's elements (their names start with `prefix`) in the page and in every shadow tree.
  const elements = prefix => roots().flatMap(r => [...r.querySelectorAll("*")]
    .filter(el => el.localName.startsWith(prefix)));
  // Every one of `all` defined (customElements.whenDefined).
  const defined = all => within(Promise.all([...new Set(all.map(el => el.localName))]
    .map(t => customElements.whenDefined(t))), "defining the kit's elements");
  // Every element of the kit (in the page and in the shadow trees it rendered, until no new one appears) defined and
  // rendered: rendered(all) is the kit's own wait.
  const hydrate = async (prefix, rendered) => {
    for (let seen = -1, all = elements(prefix); all.length !== seen; seen = all.length, all = elements(prefix)) {
      await defined(all);
      await rendered(all);
    }
  };
  // No motion: shadow trees get a sheet with transitions and animations off (and `css`, more rules for the same
  // elements), as the document's own no-motion rule (kit_base.css) does not reach into them; running animations are
  // finished (endless ones cancelled).
  const still = (css = "") => {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(`:host, *, *::before, *::after { transition: none !important; animation: none !important;${css} }`);
    for (const root of roots()) if (root !== document) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    for (const root of roots())
      for (const a of root.getAnimations())
        if (a.effect && a.effect.getComputedTiming().endTime === Infinity) a.cancel(); else a.finish();
  };
  return { LIMIT_MS, fail, within, frame, until, roots, elements, defined, hydrate, still };
};
