// Fluent UI web components' page script (kit.Kit.head_js of kit-fluentwc), run first in <head>. Fluent's 2.x
// components are FAST elements with shadow DOM; its browser bundle (dist/web-components.min.js, one ES module served
// offline) defines every fluent-* element when it first runs, and its design system draws them from design tokens
// (CSS custom properties derived in JS: a layer's fill from the base luminance, every accent colour from one base
// colour). document.write keeps the window, its module map and its custom element registry, but replaces the page,
// so each page sets its own tokens on its <body>: the theme (base layer luminance: dark where <html> has the class
// gf-fw-dark), the accent colour and the body font (the custom properties --gf-fw-accent and --gf-fw-font that the
// page's sheet gives <html>, kit_fluentwc.py). measure.js awaits window.gfKitReady before
// it lays out and measures, so that the capture sees the page rendered and still, whatever the worker drew before:
//  1. the bundle is imported (the same module every page) and the page's tokens set on <body> (and the app bars'
//     fill colour on them);
//  2. every fluent-* element (in the page and in the shadow trees it rendered, until no new one appears) is defined
//     (customElements.whenDefined), connected and has rendered its template (FAST's $fastController);
//  3. no motion: shadow trees get a sheet with transitions and animations off (the document's own no-motion rule,
//     kit_base.css, does not reach into them: a tab list's indicator slides), running ones are finished; then the
//     fonts are loaded, and the page is calm: FAST writes token values and attribute changes in animation frames
//     (its update queue), so frames pass until two in a row change no host's box, no token the page reads and no
//     selected tab.
// Each wait gives up after 20 s, naming what was not done (kit_ready.js, run first).
window.gfKitReady = async () => {
  const { LIMIT_MS, within, frame, until, elements, hydrate, still, fail } =
    window.gfKitTools("kit-fluentwc", "@fluentui/web-components");
  const fluent = () => elements("fluent-");

  const script = document.querySelector("script[type=module][src*='@fluentui/web-components/']");
  if (!script) throw new Error("kit-fluentwc: the page links no @fluentui/web-components bundle");
  const F = await within(import(script.src), "loading Fluent's bundle");
  const html = document.documentElement, body = document.body;
  const own = getComputedStyle(html), hex = own.getPropertyValue("--gf-fw-accent").trim();
  const font = own.getPropertyValue("--gf-fw-font").trim();
  if (!/^#[0-9a-f]{6}$/i.test(hex) || !font) throw new Error(`kit-fluentwc: the page sets no accent (${hex}) or font`);
  const rgb = [1, 3, 5].map(i => parseInt(hex.slice(i, i + 2), 16) / 255);
  F.baseLayerLuminance.setValueFor(body, html.classList.contains("gf-fw-dark") ? F.StandardLuminance.DarkMode
                                                                            : F.StandardLuminance.LightMode);
  F.accentBaseColor.setValueFor(body, F.SwatchRGB.create(...rgb));
  F.bodyFont.setValueFor(body, font);
  // App bars lie on Fluent's second layer: their fill colour token is that layer's, so that the components on them
  // (a stealth button's rest fill is the fill colour it sits on) draw as on that layer.
  for (const bar of document.querySelectorAll(".gf-fw-layer2")) F.fillColor.setValueFor(bar, F.neutralLayer2);

  await hydrate("fluent-", () => until(() => !fluent().some(el => !el.$fastController
    || !el.$fastController.isConnected || !el.shadowRoot), "connecting Fluent's elements"));

  still();
  body.offsetHeight;
  await within(document.fonts.ready, "loading the page's fonts");

  const cs = getComputedStyle(body);
  const state = () => JSON.stringify([
    ["--fill-color", "--accent-fill-rest", "--neutral-foreground-rest", "--body-font"].map(p => cs.getPropertyValue(p)),
    fluent().map(el => { const r = el.getBoundingClientRect();
                         return [el.localName, r.left, r.top, r.width, r.height, el.getAttribute("aria-selected")]; })]);
  let last = state();
  for (let calm = 0, started = performance.now(); calm < 2; ) {
    await frame();
    const now = state();
    calm = now === last ? calm + 1 : 0;
    last = now;
    if (performance.now() - started > LIMIT_MS) throw fail("settling Fluent's tokens and layout");
  }
  if (!cs.getPropertyValue("--accent-fill-rest").trim()) throw new Error("kit-fluentwc: no design tokens on the page");
};
