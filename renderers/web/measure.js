// One evaluate per page: wait until pictures are decoded and fonts ready, focus the element the layout marks
// focused, then measure every [data-nid] element: boxes, visibility, occlusion, text, tag, role, state,
// parent. Boxes are CSS pixels in viewport coordinates; the Python side scales them by the device pixel
// ratio. The result travels as one JSON string: Playwright's structured serialization of ~100 nested
// objects costs more than all the measuring.
// `text` ({tags, roles}): elements that may be of a class boxed by the extent of its text (text, heading, link:
// renderers.web.classes.TEXT_EXTENT) also get that box (tfull, tvis, tfrac): a heading or a line of text
// stretched across its column is only as wide as its words, as the real-page labeller boxes it (label_dom.js).
// `fontSizes` (optional): font_sizes.js's function, whose result comes back as `fonts` (the renderer's font-cache
// claims), read here before the frame wait rather than in a call of its own.
// `frameWait` (default true): false where the caller's screenshot is a frame drawn on demand with every stage run
// before it is drawn (renderers.web.browser.FRAMES_ON_DEMAND_ARGS): no frame comes unless asked for, and none is stale.
async (text, fontSizes, frameWait = true) => {
  // A kit style's page links stylesheets (served offline), each marking itself data-loaded from its own onload:
  // lay out only once all have loaded with their @imports (link.sheet is set before its imports are, and a sheet
  // with imports pending is not applied; readyState reads "complete" at once after document.write).
  await Promise.all([...document.querySelectorAll("link[rel=stylesheet]")].map(link => link.dataset.loaded ? null :
    new Promise(done => { link.addEventListener("load", done); link.addEventListener("error", done); })));
  // A web component kit (Ionic) sets window.gfKitReady from its page's first script: its components defined, rendered
  // and still (kit.Kit.head_js). Taken once: document.write reuses the window, and the next page may be another kit's.
  const kitReady = window.gfKitReady;
  window.gfKitReady = null;
  if (!kitReady && document.documentElement.hasAttribute("data-kit-ready"))
    throw new Error("the kit's page script did not set window.gfKitReady (a script error in its head_js?)");
  if (kitReady) await kitReady();
  await Promise.all([...document.images].map(img => img.decode().catch(() => null)));
  document.body.offsetHeight;  // lay out first: web fonts (a kit's) start loading only when laid-out text needs them
  await document.fonts.ready;
  const vw = window.innerWidth, vh = window.innerHeight;
  // Layout state that CSS cannot express: scroll positions (percent of the scroll range), then popups placed
  // under their opener (above it when there is no room below), kept inside the viewport (below).
  // A scrolling pane's own scrollbar (a scrollbar child of a .scroll element: factory.grammars.rules.pane_scrollbar)
  // leaves the flow before anything scrolls, then lies along the pane's right edge (left in a right-to-left page),
  // over its padding, as tall as the part of the pane in view.
  const paneBars = [...document.querySelectorAll(".scroll > .gf-scrollbar, .scroll > .gf-kit-scrollbar")];
  for (const bar of paneBars) {
    const pane = bar.parentElement, cs = getComputedStyle(pane);
    if (cs.position === "static") pane.style.position = "relative";
    Object.assign(bar.style, {position: "absolute", margin: "0", [cs.direction === "rtl" ? "left" : "right"]: "3px"});
  }
  for (const el of document.querySelectorAll("[data-scroll-y]")) {
    el.scrollTop = (el.scrollHeight - el.clientHeight) * Number(el.dataset.scrollY) / 100;
  }
  for (const bar of paneBars) {
    const pane = bar.parentElement;
    Object.assign(bar.style, {top: `${pane.scrollTop + 3}px`, height: `${Math.max(pane.clientHeight - 6, 0)}px`});
  }
  const clipCache = new Map();
  const inter = (a, b) => [Math.max(a[0], b[0]), Math.max(a[1], b[1]), Math.min(a[2], b[2]), Math.min(a[3], b[3])];
  const CLIPS = new Set(["hidden", "auto", "scroll", "clip"]);
  // The rectangle (x0, y0, x1, y1) that an element's content is clipped to by itself and its ancestors.
  function clipOf(el) {
    if (!el || el === document.documentElement) return [0, 0, vw, vh];
    if (clipCache.has(el)) return clipCache.get(el);
    let c = clipOf(el.parentElement);
    const cs = getComputedStyle(el);
    // overflow does not apply to inline boxes (their clientWidth reads 0): an inline span clips nothing
    if ((CLIPS.has(cs.overflowX) || CLIPS.has(cs.overflowY)) && cs.display !== "inline") {
      const r = el.getBoundingClientRect();
      const x0 = r.left + el.clientLeft, y0 = r.top + el.clientTop;
      c = inter(c, [x0, y0, x0 + el.clientWidth, y0 + el.clientHeight]);
    }
    clipCache.set(el, c);
    return c;
  }
  // The colour drawn behind an element: the first opaque background of it or an ancestor.
  function backdrop(el) {
    for (; el; el = el.parentElement) {
      const bg = getComputedStyle(el).backgroundColor;
      if (bg && bg !== "transparent" && !/rgba\(.*,\s*0\)$/.test(bg)) return bg;
    }
    return "Canvas";
  }
  for (const pop of document.querySelectorAll("[data-below]")) {
    const opener = document.querySelector(`[data-nid="${pop.dataset.below}"]`);
    if (!opener) continue;
    const a = opener.getBoundingClientRect(), gap = 2, tip = pop.classList.contains("k-tip");
    const panel = pop.classList.contains("k-popover");  // a card of its own: no panel around it
    const seen = inter(clipOf(opener.parentElement), [a.left, a.top, a.right, a.bottom]);
    if (seen[2] <= seen[0] || seen[3] <= seen[1]) { pop.style.display = "none"; continue; }  // opener scrolled away
    if (!tip && !panel) pop.style.minWidth = `${Math.max(a.width, 120)}px`;
    const bare = getComputedStyle(pop).backgroundColor === "rgba(0, 0, 0, 0)";
    if (bare && !tip && !panel) pop.style.backgroundColor = backdrop(opener.parentElement);  // a kit popup: the surface it opens from
    const p = pop.getBoundingClientRect();
    let top = a.bottom + gap;
    if (top + p.height > vh && a.top - gap - p.height >= 0) top = a.top - gap - p.height;
    // A tooltip centred under its target; a popover ending under the right edge of a target in the right half.
    const left = tip ? a.left + (a.width - p.width) / 2 : panel && a.left > vw / 2 ? a.right - p.width : a.left;
    pop.style.left = `${Math.max(0, Math.min(left, vw - p.width))}px`;
    pop.style.top = `${Math.max(0, Math.min(top, vh - p.height))}px`;
  }
  const toFocus = document.querySelector("[data-focus]");
  if (toFocus) toFocus.focus({ preventScroll: true });
  function ownText(el, leaf) {
    if (el.tagName === "INPUT" || el.tagName === "TEXTAREA") {
      if (el.type === "range") return "";
      return el.value || el.placeholder || "";
    }
    // A web component that shows its text in its shadow tree (Ionic's select shows its value there): that text.
    if (leaf && !el.innerText && el.shadowRoot) {
      const walker = document.createTreeWalker(el.shadowRoot, NodeFilter.SHOW_TEXT);
      let t = "";
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        const p = n.parentElement;
        if (p && p.localName !== "style" && p.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }))
          t += " " + n.textContent;
      }
      return t.replace(/\s+/g, " ").trim();
    }
    if (leaf) return (el.innerText || "").replace(/\s+/g, " ").trim();
    let t = "";
    for (const n of el.childNodes) if (n.nodeType === 3) t += n.textContent;
    return t.replace(/\s+/g, " ").trim();
  }
  const bool = v => v === "true" ? true : v === "false" ? false : null;
  // Visible part of a box of `el` (x0, y0, x1, y1) inside `clip`, and the visible fraction (area kept x share of
  // hit-test points where `el` is on top). `on(top)`: whether the element hit at a point leaves `el` seen there.
  const onEl = el => top => top === el || el.contains(top);
  function visibility(el, shown, r, clip, on = onEl(el)) {
    if (!shown || r[2] <= r[0] || r[3] <= r[1]) return [null, 0];
    const c = inter(clip, r);
    if (c[2] <= c[0] || c[3] <= c[1]) return [null, 0];
    const vis = [c[0], c[1], c[2] - c[0], c[3] - c[1]];
    // Occlusion: share of a grid of points inside the visible box where this element is on top
    // (3x3, or 2x2 for boxes under 24 px a side). Structural wrappers (data-struct) are never
    // annotated, so their hit tests are skipped: their fraction is the clipped area alone.
    let hit = 1, n = 1;
    if (!el.hasAttribute("data-struct")) {
      const k = vis[2] < 24 && vis[3] < 24 ? 2 : 3;
      hit = 0; n = 0;
      for (let i = 0; i < k; i++) for (let j = 0; j < k; j++) {
        const x = c[0] + (c[2] - c[0]) * (i + 0.5) / k, y = c[1] + (c[3] - c[1]) * (j + 0.5) / k;
        const top = document.elementFromPoint(x, y);
        n++; if (top && on(top)) hit++;
      }
    }
    return [vis, (vis[2] * vis[3]) / ((r[2] - r[0]) * (r[3] - r[1])) * (hit / n)];
  }
  // The extent (x0, y0, x1, y1) of the text an element shows (its visible text nodes), or null.
  const range = document.createRange();
  // `oneLine`: only the line holding most of its words (widest), for a link inline in a paragraph (data-prose) that
  // wraps: the extent of both its pieces would span the paragraph's width, covering words that are not the link's.
  function textExtent(el, oneLine = false) {
    const lines = [];  // [x0, y0, x1, y1, width of words] per line of text
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      if (!t.textContent.trim() || !t.parentElement.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true }))
        continue;
      range.selectNodeContents(t);
      for (const q of range.getClientRects()) {
        if (q.width < 0.5 || q.height < 0.5) continue;
        const mid = (q.top + q.bottom) / 2;
        const l = oneLine ? lines.find(b => mid > b[1] && mid < b[3]) : lines[0];
        if (!l) { lines.push([q.left, q.top, q.right, q.bottom, q.width]); continue; }
        l[0] = Math.min(l[0], q.left); l[1] = Math.min(l[1], q.top); l[2] = Math.max(l[2], q.right);
        l[3] = Math.max(l[3], q.bottom); l[4] += q.width;
      }
    }
    const best = lines.reduce((a, b) => (b[4] > a[4] ? b : a), [0, 0, 0, 0, -1]);
    return best[2] > best[0] && best[3] > best[1] ? best.slice(0, 4) : null;
  }
  // Checkboxes, radios and switches are boxed by the part that draws the control (its square, circle or track), as
  // the real-page labeller boxes the <input> (label_dom.js); their words are a text of their own. The templates mark
  // that part data-control="<the control's nid>": an element, or its ::before (data-control-pseudo), with the
  // pixels its box-shadow paints (data-control-shadow: NES.css draws its boxes as shadows of a 2 px square), or a
  // part of its shadow tree (data-control-part: web component kits such as Ionic).
  const controls = new Map();
  for (const c of document.querySelectorAll("[data-control]")) controls.set(c.dataset.control, c);
  const px = v => parseFloat(v) || 0;
  // The border box (x0, y0, x1, y1) of a pseudo-element, from its computed style: absolutely positioned (against
  // its containing block: the host when positioned, else the host's offsetParent) or the first item of a row flex
  // container (7.css); any other placement is an error here rather than a wrong box.
  function pseudoRect(host, which) {
    const cs = getComputedStyle(host, `::${which}`), hs = getComputedStyle(host);
    if (cs.content === "none" || cs.display === "none") return null;
    let w = px(cs.width), h = px(cs.height);
    if (cs.boxSizing !== "border-box") {
      w += px(cs.paddingLeft) + px(cs.paddingRight) + px(cs.borderLeftWidth) + px(cs.borderRightWidth);
      h += px(cs.paddingTop) + px(cs.paddingBottom) + px(cs.borderTopWidth) + px(cs.borderBottomWidth);
    }
    let x0, y0;
    if (cs.position === "absolute") {
      const cb = hs.position !== "static" ? host : host.offsetParent;
      const r = cb.getBoundingClientRect(), ox = r.left + cb.clientLeft, oy = r.top + cb.clientTop;
      x0 = cs.left !== "auto" ? ox + px(cs.left) + px(cs.marginLeft) : ox + cb.clientWidth - px(cs.right) - px(cs.marginRight) - w;
      y0 = cs.top !== "auto" ? oy + px(cs.top) + px(cs.marginTop) : oy + cb.clientHeight - px(cs.bottom) - px(cs.marginBottom) - h;
    } else if (cs.position === "static" && /flex$/.test(hs.display) && hs.flexDirection === "row" && which === "before"
               && ["normal", "flex-start", "start"].includes(hs.justifyContent)) {
      const r = host.getBoundingClientRect();
      const top = r.top + host.clientTop + px(hs.paddingTop), inner = host.clientHeight - px(hs.paddingTop) - px(hs.paddingBottom);
      x0 = r.left + host.clientLeft + px(hs.paddingLeft) + px(cs.marginLeft);
      const align = cs.alignSelf === "auto" || cs.alignSelf === "normal" ? hs.alignItems : cs.alignSelf;
      y0 = align === "center" ? top + (inner - h) / 2 : ["flex-end", "end"].includes(align) ? top + inner - h - px(cs.marginBottom)
        : top + px(cs.marginTop);
    } else {
      throw new Error(`cannot place the ::${which} of ${host.tagName}.${host.className} (position ${cs.position}, ` +
                      `parent display ${hs.display}): mark another part with data-control`);
    }
    return [x0, y0, x0 + w, y0 + h];
  }
  // The painted extent of a box's non-inset shadows (offset, blur, spread), joined to the box.
  function withShadows(b, shadow) {
    if (!shadow || shadow === "none") return b;
    let [x0, y0, x1, y1] = b;
    for (const part of shadow.split(/,(?![^(]*\))/)) {
      if (/inset/.test(part)) continue;
      const n = part.replace(/rgba?\([^)]*\)|[a-z]+\([^)]*\)/g, "").match(/-?[\d.]+px/g) || [];
      const [dx, dy, blur, spread] = [0, 1, 2, 3].map(i => px(n[i]));
      const grow = blur + spread;
      x0 = Math.min(x0, b[0] + dx - grow); y0 = Math.min(y0, b[1] + dy - grow);
      x1 = Math.max(x1, b[2] + dx + grow); y1 = Math.max(y1, b[3] + dy + grow);
    }
    return [x0, y0, x1, y1];
  }
  // The box (x0, y0, x1, y1) of the part drawing a control, and the rectangle it is clipped to.
  function controlBox(c) {
    const pseudo = c.dataset.controlPseudo, part = c.dataset.controlPart;
    let b;
    if (part) {  // a web component's shadow part (Ionic's checkbox container, a toggle's track)
      const p = c.shadowRoot && c.shadowRoot.querySelector(`[part~="${part}"]`);
      if (!p) throw new Error(`${c.tagName} has no shadow part "${part}" to box its control by`);
      const r = p.getBoundingClientRect();
      b = [r.left, r.top, r.right, r.bottom];
    } else if (pseudo) {
      b = pseudoRect(c, pseudo);
      if (b && c.hasAttribute("data-control-shadow")) b = withShadows(b, getComputedStyle(c, `::${pseudo}`).boxShadow);
    } else {
      const r = c.getBoundingClientRect();
      b = [r.left, r.top, r.right, r.bottom];
      if (c.hasAttribute("data-control-shadow")) b = withShadows(b, getComputedStyle(c).boxShadow);
    }
    return [b, pseudo || part ? clipOf(c) : clipOf(c.parentElement)];
  }
  // The control whose words `el` draws (data-label-of), else `el`.
  const labelOwner = el => el.dataset.labelOf ? el.parentElement.closest(`[data-nid="${el.dataset.labelOf}"]`) : el;
  const textTags = new Set(text ? text.tags : []), textRoles = new Set(text ? text.roles : []);
  const out = [];
  const active = document.activeElement;
  for (const el of document.querySelectorAll("[data-nid]")) {
    const r = el.getBoundingClientRect();
    let full = [r.left, r.top, r.width, r.height];
    const shown = el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true });
    const control = controls.get(el.dataset.nid);
    let vis, frac;
    if (control) {  // boxed by what draws it (an unplaced part: no visible box)
      const [b, clip] = controlBox(control);
      full = b ? [b[0], b[1], b[2] - b[0], b[3] - b[1]] : [r.left, r.top, 0, 0];
      // A drawn part may paint where it is not hit-tested (a shadow, a pseudo-element beside its host): the page
      // behind the control (an ancestor of it) hides nothing; anything else on top does.
      [vis, frac] = b ? visibility(el, shown, b, clip, top => onEl(el)(top) || top.contains(el)) : [null, 0];
    } else {
      [vis, frac] = visibility(el, shown, [r.left, r.top, r.right, r.bottom], clipOf(el.parentElement));
    }
    let tfull = null, tvis = null, tfrac = 0, pfull = null, pvis = null, pfrac = 0;
    if (textTags.has(el.tagName.toLowerCase()) || textRoles.has(el.getAttribute("role") || "")) {
      const host = el.parentElement && el.parentElement.closest("[data-nid]");
      const t = textExtent(el, !!host && host.hasAttribute("data-prose"));
      if (t) {  // clipped by the element itself too: text cut off with an ellipsis ends where it is cut
        tfull = [t[0], t[1], t[2] - t[0], t[3] - t[1]];
        // The words of a control: its own parts laid over them (a kit's transparent input) hide nothing.
        [tvis, tfrac] = visibility(el, shown, t, clipOf(el), onEl(labelOwner(el)));
        // Its words grown by its padding and border (inside its own box): the box an inline <a> of a real page has,
        // and the real-page labeller gives a link (a navbar's padded link is the box one clicks). Only for a link
        // (renderer.py uses it for no other class: a padded text or heading is not styled nor hit-tested again), and
        // only when padded.
        const link = el.tagName === "A" || el.getAttribute("role") === "link";
        const cs = link ? getComputedStyle(el) : null;
        const pad = link ? [px(cs.paddingLeft) + px(cs.borderLeftWidth), px(cs.paddingTop) + px(cs.borderTopWidth),
                            px(cs.paddingRight) + px(cs.borderRightWidth), px(cs.paddingBottom) + px(cs.borderBottomWidth)]
                         : [0, 0, 0, 0];
        if (pad.some(v => v > 0)) {
          const b = inter([r.left, r.top, r.right, r.bottom], [t[0] - pad[0], t[1] - pad[1], t[2] + pad[2], t[3] + pad[3]]);
          pfull = [b[0], b[1], b[2] - b[0], b[3] - b[1]];
          [pvis, pfrac] = visibility(el, shown, b, clipOf(el.parentElement), onEl(labelOwner(el)));
        }
      }
    }
    // a control keeps its label's words as its text; a paragraph its links' words (data-prose)
    const leaf = !!control || el.hasAttribute("data-prose") || !el.querySelector("[data-nid]");
    // The words of a checkbox, radio or switch (data-label-of) are drawn inside it and are its sibling in the layout.
    const owner = labelOwner(el);
    const parentEl = owner.parentElement && owner.parentElement.closest("[data-nid]");
    const role = el.getAttribute("role") || "";
    const isInput = el.tagName === "INPUT" || el.tagName === "TEXTAREA";
    // A web component whose native field is in its shadow tree (data-shadow-field: Shoelace's sl-input, sl-textarea,
    // the display input of its sl-select): its words are the field's value or placeholder, and a host without a role
    // of its own is measured as that field (its type, filled state), as another kit's <input> is.
    const inner = el.hasAttribute("data-shadow-field") && el.shadowRoot
      ? el.shadowRoot.querySelector("input, textarea") : null;
    const field = isInput ? el : inner && !role ? inner : null;
    out.push({
      nid: el.dataset.nid, tag: el.tagName.toLowerCase(), role, type: field ? (field.type || "") : "",
      field: !!field && !isInput,
      roledesc: el.getAttribute("aria-roledescription") || "", label: el.getAttribute("aria-label") || "",
      full, vis, frac, tfull, tvis, tfrac, pfull, pvis, pfrac, text: inner ? ownText(inner, true) : ownText(el, leaf),
      parent: parentEl ? parentEl.dataset.nid : null,
      state: {
        enabled: !(el.disabled || el.getAttribute("aria-disabled") === "true"),
        checked: bool(el.getAttribute("aria-checked")),
        selected: el.hasAttribute("aria-current") ? true : bool(el.getAttribute("aria-selected")),
        focused: el === active,
        expanded: bool(el.getAttribute("aria-expanded")),
        invalid: el.getAttribute("aria-invalid") === "true" ? true : (field ? false : null),
        filled: field && field.type !== "range" ? field.value !== "" : null,
      },
    });
  }
  // Let one animation frame pass before the caller's screenshot: without it a loaded machine sometimes captured
  // a frame whose raster predates the final paint (an icon's anti-aliasing differed by a few levels), so the
  // same sample drawn twice gave different pixels.
  const fonts = fontSizes ? fontSizes() : null;
  if (frameWait) await new Promise(done => requestAnimationFrame(done));
  return JSON.stringify({ width: vw, height: vh, dpr: window.devicePixelRatio, elements: out, fonts });
}
