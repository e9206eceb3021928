// Label a real page from its DOM: every visible element that maps to a canonical class, with its box.
// Run in the page after it has settled (fonts and pictures loaded, animations off). One walk from <body>, in
// document order; each labelled element records the index of its nearest labelled ancestor (`parent`).
// Boxes are CSS pixels in viewport coordinates (device pixel ratio 1): `full` is the whole element, `vis` the
// part inside the viewport and every ancestor that clips, null when nothing is left; `onTop` is the share of
// hit-test points in the visible part where the element is on top, `frac` the visible share (area kept x onTop).
//
// The mapping (tag / ARIA role / input type / a few kits' class names -> canonical class) is documented in the
// README (real-world development set) and tested on small pages in tests/test_realset_labels.py:
//   button       <button>, input[type=submit|button|reset|file], [role=button], a/label/span styled .btn .button
//                .uk-button; icon_button when it shows no text (an icon, a logo, a CSS-drawn glyph)
//   link         a[href] and [role=link] that show text (an icon-only link is an icon_button; a link around a
//                picture bigger than an icon is not labelled: the picture is, as image)
//   text_input   input text-like types, textarea, [contenteditable], [role=textbox|searchbox]
//   checkbox / radio / switch   input[type=checkbox|radio], [role=checkbox|radio|switch]; a checkbox inside
//                .form-switch / .switch, or with role=switch, is a switch. A native input hidden by the kit
//                (spectre, foundation) takes the box of the sibling that draws it (i.form-icon, .switch-paddle)
//   slider       input[type=range], [role=slider];  spinbox input[type=number], [role=spinbutton]
//   date_picker  input[type=date|datetime-local|month|week|time];  dropdown <select>, [role=combobox|listbox]
//   heading      h1-h6, [role=heading], box = the extent of its visible text
//   image / icon img, canvas, video, [role=img]: an icon up to 48 px on its longer side, else an image; svg and
//                CSS background pictures (on an element showing nothing else): an icon up to 64 px; font icons
//                (i.fa, .bi-*, .material-icons, .glyphicon, .icon, [uk-icon], Font Awesome's svgs) up to 192 px
//   text         a block of text: an element with text of its own (a letter or digit: a lone separator is not);
//                inline elements inside it (strong, code, span) belong to it; box = the extent of its text and
//                that of its inline descendants
//   table        <table> of 2 rows or more (not role=presentation), [role=table|grid], .summary-table (Javadoc)
//   list_item    a body row (tr with cells) of a labelled table, [role=row|option|listitem], .list-group-item
//                (plain <li> of bullet lists and navigation lists is not labelled: its text or link is)
//   card         .card .uk-card .panel .callout .admonition, [role=region|article] is not used (page sections)
//   toolbar      <nav>, [role=navigation|toolbar|menubar], .navbar .top-bar .uk-navbar-container .btn-toolbar,
//                Doxygen's .sm-dox menu bar (outermost only: a bar inside a bar is not labelled again; a bar whose
//                children all float takes their union as its box)
//   tab          [role=tab], links of .nav-tabs / .uk-tab / .tabs-title / .tab-item / Doxygen's ul.tablist
//   menu_item    [role=menuitem*], .dropdown-item, links in a menu or menu bar ([role=menu|menubar], .sm-dox)
//   dialog       <dialog open>, [role=dialog|alertdialog], .modal-dialog .uk-modal-dialog .reveal
//   tooltip      [role=tooltip], .tooltip .uk-tooltip
//   badge        .badge .uk-badge .uk-label .chip, span/small.label, at most 40 px high
//   progress_bar <progress>, [role=progressbar], .progress .uk-progress (an inner bar is part of it)
// Leaves: nothing inside a button, link, input, heading, picture, icon, badge or progress bar is labelled
// again (their label text and icons are part of them), as in the synthetic renderers.
// Visibility: display:none, visibility:hidden, opacity 0 and whatever ancestors clip away are not labelled;
// a box is cut where a bar fixed to the screen's edge covers it; occlusion is sampled with hit tests that see
// through layers that draw nothing (transparent hover layers, stretched links).
async () => {
  document.querySelectorAll("img[loading=lazy]").forEach(img => { img.loading = "eager"; });
  await Promise.all([...document.images].map(img => img.decode().catch(() => null)));
  await document.fonts.ready;
  const vw = window.innerWidth, vh = window.innerHeight;
  // Longest side (CSS px) up to which a picture is an icon: photos (img) are pictures from 49 px, drawings (svg,
  // CSS backgrounds) from 65 px, glyphs of an icon font up to 96 px are icons.
  const ICON_MAX = 48, SVG_ICON_MAX = 64, FONT_ICON_MAX = 96, MEDIA_MIN = 6, ICON_LINK_MAX = 72, BADGE_MAX_H = 40;
  const TEXT_MAX = 300;
  // Hit tests must see every element: pointer-events:none (disabled buttons, overlays) would let them through.
  const hits = document.createElement("style");
  hits.textContent = "* { pointer-events: auto !important; }";
  document.head.appendChild(hits);
  const SKIP = new Set(["SCRIPT", "STYLE", "TEMPLATE", "NOSCRIPT", "HEAD", "META", "LINK", "IFRAME", "OBJECT",
                        "EMBED", "BR", "WBR", "MAP", "AREA", "DATALIST", "OPTION", "OPTGROUP"]);
  const LEAF = new Set(["button", "icon_button", "link", "text_input", "checkbox", "radio", "switch", "slider",
                        "spinbox", "date_picker", "dropdown", "heading", "image", "icon", "badge", "progress_bar",
                        "tab", "menu_item", "tooltip"]);
  const TEXT_INPUTS = new Set(["", "text", "email", "password", "search", "tel", "url"]);
  const DATE_INPUTS = new Set(["date", "datetime-local", "month", "week", "time"]);
  const ROLE = {
    checkbox: "checkbox", radio: "radio", switch: "switch", slider: "slider", spinbutton: "spinbox",
    combobox: "dropdown", listbox: "dropdown", textbox: "text_input", searchbox: "text_input", tab: "tab",
    menuitem: "menu_item", menuitemcheckbox: "menu_item", menuitemradio: "menu_item", option: "list_item",
    row: "list_item", listitem: "list_item", table: "table", grid: "table", progressbar: "progress_bar",
    dialog: "dialog", alertdialog: "dialog", tooltip: "tooltip", navigation: "toolbar", toolbar: "toolbar",
    menubar: "toolbar", heading: "heading",
  };
  const ICON_FONT = new RegExp("^(fa|fas|far|fab|fal|fad|fa-solid|fa-regular|fa-brands|fa-stack|bi|material-icons|"
    + "material-symbols-outlined|glyphicon|icon|uk-icon|fi|svg-inline--fa)$|^(bi|fa|icon|glyphicon|fi)-[a-z][\\w-]*$");
  const BUTTON_CLASS = ["btn", "button", "uk-button"];
  const CARD_CLASS = ["card", "uk-card", "panel", "callout", "admonition"];
  const TOOLBAR_CLASS = ["navbar", "top-bar", "uk-navbar-container", "btn-toolbar", "sm-dox"];
  const BADGE_CLASS = ["badge", "uk-badge", "uk-label", "chip"];
  const styles = new Map();
  const style = el => { let s = styles.get(el); if (!s) { s = getComputedStyle(el); styles.set(el, s); } return s; };
  const has = (el, names) => names.some(n => el.classList.contains(n));
  const inline = el => style(el).display === "inline" || style(el).display === "contents";
  const shown = el => el.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true });
  const clean = s => (s || "").replace(/\s+/g, " ").trim().slice(0, TEXT_MAX);
  const bool = v => v === "true" ? true : v === "false" ? false : null;
  const inter = (a, b) => [Math.max(a[0], b[0]), Math.max(a[1], b[1]), Math.min(a[2], b[2]), Math.min(a[3], b[3])];
  const CLIPS = new Set(["hidden", "auto", "scroll", "clip"]);
  const clipCache = new Map();
  // The rectangle (x0, y0, x1, y1) that an element's content is clipped to by itself and its ancestors.
  function clipOf(el) {
    if (!el || el === document.documentElement || el === document.body) return [0, 0, vw, vh];
    if (clipCache.has(el)) return clipCache.get(el);
    let c = style(el).position === "fixed" ? [0, 0, vw, vh] : clipOf(el.parentElement);
    const cs = style(el);
    if (CLIPS.has(cs.overflowX) || CLIPS.has(cs.overflowY)) {
      const r = el.getBoundingClientRect();
      const x0 = r.left + el.clientLeft, y0 = r.top + el.clientTop;
      c = inter(c, [x0, y0, x0 + el.clientWidth, y0 + el.clientHeight]);
    }
    clipCache.set(el, c);
    return c;
  }
  const ownText = el => [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
  const visibleText = el => clean(el.innerText || el.textContent);
  const isIconFont = el => [...el.classList].some(t => ICON_FONT.test(t)) || el.hasAttribute("uk-icon");
  // An icon font's glyph fills a font-size square; its element's box also holds the line's leading.
  function glyphRect(el) {
    const r = el.getBoundingClientRect(), size = parseFloat(style(el).fontSize) || r.height;
    const h = Math.min(r.height, size);
    return [r.left, r.top + (r.height - h) / 2, r.width, h];
  }
  const mediaSide = el => {
    const r = el.getBoundingClientRect();
    if (!isIconFont(el) || el.tagName === "svg") return Math.max(r.width, r.height);
    return Math.max(r.width, Math.min(r.height, parseFloat(style(el).fontSize) || r.height));
  };
  const MEDIA = "img, svg, canvas, video, i, span, [uk-icon]";
  // What a control without text shows: "icon" (small media or a CSS-drawn glyph), "image" (a picture), or null.
  function pictureKind(el) {
    let biggest = 0, any = false;
    for (const m of el.querySelectorAll(MEDIA)) {
      const tag = m.tagName;
      if ((tag === "I" || tag === "SPAN") && !isIconFont(m) && !m.classList.contains("navbar-toggler-icon")) continue;
      if (!shown(m)) continue;
      any = true;
      biggest = Math.max(biggest, mediaSide(m));
    }
    if (any) return biggest <= ICON_LINK_MAX ? "icon" : "image";
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.width <= 64 && r.height <= 64 ? "icon" : null;
  }
  function labelText(el) {
    if (el.tagName === "INPUT" || el.tagName === "TEXTAREA") {
      if (["range", "checkbox", "radio"].includes(el.type)) return clean(el.getAttribute("aria-label"));
      return clean(el.value || el.placeholder);
    }
    if (el.tagName === "SELECT") return clean(el.selectedOptions[0] ? el.selectedOptions[0].text : "");
    if (el.tagName === "IMG") return clean(el.alt);
    return visibleText(el) || clean(el.getAttribute("aria-label") || el.getAttribute("title"));
  }
  function pressable(el, why) {
    return visibleText(el) || (el.tagName === "INPUT" && el.value) ? ["button", why] : ["icon_button", why];
  }
  // [class, what decided it] for an element, or null when it is not labelled itself (structure, plain text
  // handled by the walk). `ctx` says whether the walk is inside a toolbar or a labelled table.
  function classify(el, ctx) {
    const tag = el.tagName, role = (el.getAttribute("role") || "").trim().split(/\s+/)[0];
    if (role === "presentation" || role === "none") return null;
    if (tag === "INPUT") {
      const t = (el.getAttribute("type") || "").toLowerCase();
      if (t === "hidden") return null;
      const toggle = role === "switch" || el.closest(".form-switch, .switch");
      if (t === "checkbox") return [toggle ? "switch" : "checkbox", ""];
      if (t === "radio") return ["radio", ""];
      if (t === "range") return ["slider", ""];
      if (t === "number") return ["spinbox", ""];
      if (DATE_INPUTS.has(t)) return ["date_picker", ""];
      if (["submit", "button", "reset", "file", "image", "color"].includes(t)) return pressable(el, "");
      return TEXT_INPUTS.has(t) || !t ? ["text_input", ""] : ["text_input", ""];
    }
    if (tag === "TEXTAREA") return ["text_input", ""];
    if (tag === "SELECT") return el.multiple || el.size > 1 ? null : ["dropdown", ""];
    if (tag === "PROGRESS") return ["progress_bar", ""];
    if (role === "button") return pressable(el, "");
    if (role === "link") return visibleText(el) ? ["link", ""] : null;
    if (role === "img") return mediaSide(el) <= ICON_MAX ? ["icon", ""] : ["image", ""];
    if (role === "heading") return visibleText(el) ? ["heading", ""] : null;
    if (role === "row" && ctx.table && !el.querySelector("td, [role=cell], [role=gridcell]")) return null;
    if (ROLE[role]) {
      const cls = ROLE[role];
      if (cls === "toolbar" && ctx.toolbar) return null;
      return [cls, ""];
    }
    if (tag === "BUTTON") return pressable(el, "");
    if (el.isContentEditable && !(el.parentElement && el.parentElement.isContentEditable)) return ["text_input", ""];
    const styledButton = (tag === "LABEL" || tag === "SPAN" || tag === "DIV") && has(el, BUTTON_CLASS);
    if (tag === "A" && el.hasAttribute("href") || styledButton) {
      if (has(el, BUTTON_CLASS)) return pressable(el, "." + BUTTON_CLASS.find(n => el.classList.contains(n)));
      if (tag !== "A") return null;
      if (el.closest(".nav-tabs, .uk-tab, .tabs-title, .tab-item, ul.tablist")) return ["tab", ""];
      if (el.classList.contains("dropdown-item")) return ["menu_item", ".dropdown-item"];
      if (el.closest(".sm-dox, [role=menubar], [role=menu]")) return ["menu_item", ""];  // e.g. Doxygen's menu bar
      if (visibleText(el)) return ["link", ""];
      const kind = pictureKind(el);
      return kind === "icon" ? ["icon_button", ""] : null;
    }
    if (/^H[1-6]$/.test(tag)) return visibleText(el) ? ["heading", ""] : null;
    if (tag === "IMG" || tag === "svg" || tag === "CANVAS" || tag === "VIDEO") {
      const side = mediaSide(el);
      if (side < MEDIA_MIN) return null;
      const max = tag !== "svg" ? ICON_MAX : isIconFont(el) ? 2 * FONT_ICON_MAX : SVG_ICON_MAX;  // Font Awesome's svgs
      return side <= max ? ["icon", ""] : ["image", ""];
    }
    if ((tag === "I" || tag === "SPAN" || tag === "EM") && isIconFont(el) && mediaSide(el) <= 2 * FONT_ICON_MAX) {
      return ["icon", ""];
    }
    if (has(el, ["progress", "uk-progress"])) return ["progress_bar", ".progress"];
    if (tag === "TABLE") return el.rows.length >= 2 ? ["table", ""] : null;  // one row: a layout table
    if (el.classList.contains("summary-table")) return ["table", ".summary-table"];
    if (tag === "TR" && ctx.table && el.querySelector(":scope > td")) return ["list_item", ""];
    if (el.classList.contains("list-group-item")) return ["list_item", ".list-group-item"];
    if (tag === "NAV" || has(el, TOOLBAR_CLASS)) {
      return ctx.toolbar ? null : ["toolbar", tag === "NAV" ? "" : ".navbar"];
    }
    if (tag === "DIALOG" || has(el, ["modal-dialog", "uk-modal-dialog", "reveal"])) return ["dialog", ""];
    if (has(el, ["tooltip", "uk-tooltip"])) return ["tooltip", ".tooltip"];
    if (has(el, CARD_CLASS)) return ["card", "." + CARD_CLASS.find(n => el.classList.contains(n))];
    if ((has(el, BADGE_CLASS) || (tag === "SPAN" || tag === "SMALL") && el.classList.contains("label"))
        && el.getBoundingClientRect().height <= BADGE_MAX_H && visibleText(el)) return ["badge", ".badge"];
    // A picture drawn as a CSS background on an element that shows nothing else (not a section's backdrop).
    if (/url\(/.test(style(el).backgroundImage) && !visibleText(el)
        && !el.querySelector("img, svg, video, canvas, input, button, a, select, textarea")) {
      const side = mediaSide(el);
      if (side >= MEDIA_MIN) return [side <= SVG_ICON_MAX ? "icon" : "image", "[background-image]"];
    }
    return null;
  }
  // A native checkbox/radio a kit hides (clipped to a pixel, or transparent) is drawn by the sibling after it.
  function drawnBy(el) {
    const r = el.getBoundingClientRect();
    if (shown(el) && r.width >= 4 && r.height >= 4) return el;
    const sib = el.nextElementSibling;
    if (sib && shown(sib) && !has(sib, BUTTON_CLASS)) {
      const s = sib.getBoundingClientRect();
      if (s.width >= 4 && s.height >= 4 && s.width <= 80 && s.height <= 48) return sib;
    }
    return el;
  }
  // The extent of a text block: its own text and that of inline descendants (not of blocks inside it).
  function textRect(el) {
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    const text = [];
    for (let t = walker.nextNode(); t; t = walker.nextNode()) {
      if (!t.textContent.trim()) continue;
      let ok = true;
      for (let p = t.parentElement; p && p !== el; p = p.parentElement) {
        if (!inline(p) && style(p).display !== "inline-block" || SKIP.has(p.tagName)) { ok = false; break; }
      }
      if (!ok || !shown(t.parentElement)) continue;
      range.selectNodeContents(t);
      for (const r of range.getClientRects()) {
        if (r.width < 0.5 || r.height < 0.5) continue;
        x0 = Math.min(x0, r.left); y0 = Math.min(y0, r.top); x1 = Math.max(x1, r.right); y1 = Math.max(y1, r.bottom);
      }
      text.push(t.textContent);
    }
    if (x1 <= x0 || y1 <= y0) return null;
    return { rect: [x0, y0, x1 - x0, y1 - y0], text: clean(text.join(" ")) };
  }
  // Whether an element draws anything itself (a fill, a border, a shadow, text, a picture or a control);
  // transparent wrappers and overlays laid over content (hover layers, stretched links) hide nothing.
  const paintCache = new Map();
  const PAINTED_TAGS = new Set(["IMG", "svg", "VIDEO", "CANVAS", "INPUT", "TEXTAREA", "SELECT", "BUTTON", "IFRAME"]);
  function paints(el) {
    if (paintCache.has(el)) return paintCache.get(el);
    const cs = style(el);
    const alpha = c => { const m = c.match(/rgba?\(([^)]+)\)/); if (!m) return c === "transparent" ? 0 : 1;
                         const p = m[1].split(/[ ,\/]+/).filter(Boolean); return p.length > 3 ? parseFloat(p[3]) : 1; };
    const fills = st => alpha(st.backgroundColor) > 0 || st.backgroundImage !== "none" || st.boxShadow !== "none"
      || ["Top", "Right", "Bottom", "Left"].some(sd => parseFloat(st[`border${sd}Width`]) > 0
        && alpha(st[`border${sd}Color`]) > 0 && st[`border${sd}Style`] !== "none");
    // A ::before/::after that draws a fill (a sticky title's white band) paints for its element: it hit-tests as it.
    const pseudo = p => {
      const ps = getComputedStyle(el, p);
      return ps.content !== "none" && ps.content !== "normal" && fills(ps);
    };
    let v = shown(el) && (PAINTED_TAGS.has(el.tagName) || fills(cs) || pseudo("::before") || pseudo("::after"));
    if (!v && shown(el) && ownText(el)) {  // it draws only its text (a floating label over a field): only there
      const range = document.createRange();
      v = [];
      for (const n of el.childNodes) {
        if (n.nodeType !== 3 || !n.textContent.trim()) continue;
        range.selectNodeContents(n);
        v.push(...range.getClientRects());
      }
    }
    paintCache.set(el, v);
    return v;
  }
  const paintsAt = (el, x, y) => {
    const v = paints(el);
    return Array.isArray(v) ? v.some(r => x >= r.left && x <= r.right && y >= r.top && y <= r.bottom) : v;
  };
  // Bars fixed or stuck to an edge of the screen (headers, footers): what scrolls under them is cut off by them.
  const bars = [];
  for (const el of document.querySelectorAll("body *")) {
    const pos = style(el).position;
    if (pos !== "fixed" && pos !== "sticky") continue;
    const r = el.getBoundingClientRect();
    const bar = r.width >= vw * 0.5 && r.height > 0 && r.height < vh * 0.4;
    if (bar && shown(el) && paints(el) === true) bars.push([el, r]);
  }
  function underBars(target, c) {
    for (const [bar, r] of bars) {
      if (bar === target || bar.contains(target) || target.contains(bar)) continue;
      if (r.left > c[0] + 1 || r.right < c[2] - 1) continue;  // it does not span the element's width
      if (r.top <= c[1] && r.bottom > c[1]) c[1] = r.bottom;
      else if (r.bottom >= c[3] && r.top < c[3]) c[3] = r.top;
    }
    return c;
  }
  function visibleBox(target, full) {
    if (!shown(target) || full[2] <= 0 || full[3] <= 0) return [null, 0, 0];
    let c = inter(clipOf(target.parentElement), [full[0], full[1], full[0] + full[2], full[1] + full[3]]);
    if (c[2] - c[0] < 1 || c[3] - c[1] < 1) return [null, 0, 0];
    c = underBars(target, c);
    if (c[2] - c[0] < 1 || c[3] - c[1] < 1) return [null, 0, 0];
    const vis = [c[0], c[1], c[2] - c[0], c[3] - c[1]];
    // Sample points: a grid over the visible box, or for an inline element broken over lines (a link in a
    // paragraph) the centre of each line's fragment: its box also spans the gaps between them.
    const inside = ([x, y]) => x >= c[0] && x <= c[2] && y >= c[1] && y <= c[3];
    let points = [];
    const frags = inline(target) ? [...target.getClientRects()].filter(r => r.width > 0 && r.height > 0) : [];
    if (frags.length > 1) {
      points = frags.slice(0, 9).map(r => [r.left + r.width / 2, r.top + r.height / 2]).filter(inside);
    }
    if (!points.length) {
      const k = vis[2] < 24 && vis[3] < 24 ? 2 : 3;
      for (let i = 0; i < k; i++) for (let j = 0; j < k; j++)
        points.push([c[0] + (c[2] - c[0]) * (i + 0.5) / k, c[1] + (c[3] - c[1]) * (j + 0.5) / k]);
    }
    let hit = 0;
    const n = points.length;
    for (const [x, y] of points) {
      // The first element at this point, from the top, that is the target or draws something over it.
      for (const top of document.elementsFromPoint(x, y)) {
        if (top === target || target.contains(top)) { hit++; break; }
        if (top.contains(target)) continue;  // an ancestor (a link or label around it)
        if (paintsAt(top, x, y)) break;
      }
    }
    return [vis, (vis[2] * vis[3]) / (full[2] * full[3]) * (hit / n), hit / n];
  }
  function state(el, cls) {
    const isInput = el.tagName === "INPUT" || el.tagName === "TEXTAREA";
    const checkable = cls === "checkbox" || cls === "radio" || cls === "switch";
    const selectable = cls === "tab" || cls === "menu_item" || cls === "list_item";
    const current = el.getAttribute("aria-current");
    return {
      enabled: !(el.disabled || el.getAttribute("aria-disabled") === "true" || el.classList.contains("disabled")),
      checked: checkable ? (el.tagName === "INPUT" ? el.checked : bool(el.getAttribute("aria-checked"))) : null,
      selected: current && current !== "false" ? true
        : bool(el.getAttribute("aria-selected")) ?? (selectable ? el.classList.contains("active") : null),
      focused: el === document.activeElement && el !== document.body,
      expanded: bool(el.getAttribute("aria-expanded")),
      invalid: el.getAttribute("aria-invalid") === "true" ? true : (isInput ? false : null),
      filled: isInput && !["range", "checkbox", "radio"].includes(el.type) ? el.value !== "" : null,
    };
  }
  function sourceType(el, why) {
    let s = el.tagName.toLowerCase();
    if (el.tagName === "INPUT") s += `[type=${(el.getAttribute("type") || "text").toLowerCase()}]`;
    const role = el.getAttribute("role");
    if (role) s += `[role=${role.trim().split(/\s+/)[0]}]`;
    return s + why;
  }
  const out = [];
  function push(el, cls, why, parent, target, full, text) {
    const [vis, frac, onTop] = visibleBox(target, full);
    if (!vis) return parent;
    out.push({ cls, src: sourceType(el, why), parent, full, vis, frac, onTop, text, state: state(el, cls) });
    return out.length - 1;
  }
  // An element's box; a container that floats (or positions) all its children has none of its own: the
  // union of its children's boxes stands in for it (Javadoc's <nav> around floated bars).
  const CONTAINERS = new Set(["toolbar", "card", "dialog", "table", "list_item"]);
  function rectOf(el, cls) {
    const r = el.getBoundingClientRect();
    if ((r.width >= 1 && r.height >= 1) || !CONTAINERS.has(cls)) return [r.left, r.top, r.width, r.height];
    let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    for (const c of el.children) {
      if (!shown(c)) continue;
      const q = c.getBoundingClientRect();
      if (q.width < 1 || q.height < 1) continue;
      x0 = Math.min(x0, q.left); y0 = Math.min(y0, q.top); x1 = Math.max(x1, q.right); y1 = Math.max(y1, q.bottom);
    }
    return x1 > x0 ? [x0, y0, x1 - x0, y1 - y0] : [r.left, r.top, r.width, r.height];
  }
  const nearViewport = el => { const r = el.getBoundingClientRect(); return r.bottom > -vh && r.top < 2 * vh; };
  // ctx: {toolbar, table} (inside a labelled bar / table); owner: the text block an inline element belongs to.
  function visit(el, parent, ctx, owner) {
    if (SKIP.has(el.tagName) || !el.checkVisibility()) return;
    const svg = el instanceof SVGElement;
    if (svg && el.tagName !== "svg") return;  // the inside of a drawing is part of it
    const hit = classify(el, ctx);
    if (svg && !hit) return;
    let idx = parent, childOwner = null;
    if (hit) {
      const [cls, why] = hit;
      let target = el, full, text = labelText(el);
      if (cls === "checkbox" || cls === "radio" || cls === "switch") target = drawnBy(el);
      if (cls === "heading") {
        const t = textRect(el);
        full = t ? t.rect : rectOf(el);
      } else if (cls === "icon" && isIconFont(el) && el.tagName !== "svg") {
        full = glyphRect(el);
      } else {
        full = rectOf(target, cls);
      }
      idx = push(el, cls, why, parent, target, full, text);
      if (LEAF.has(cls)) return;
      ctx = { toolbar: ctx.toolbar || cls === "toolbar", table: ctx.table || cls === "table" };
      if (cls === "list_item" || cls === "card" || cls === "dialog") childOwner = null;
    } else if (ownText(el) && !(owner && inline(el))) {
      if (nearViewport(el)) {
        const t = textRect(el);
        if (t && /[\p{L}\p{N}]/u.test(t.text)) idx = push(el, "text", "", parent, el, t.rect, t.text);
      }
      childOwner = el;
    } else if (owner && inline(el)) {
      childOwner = owner;
    }
    for (const c of el.children) visit(c, idx, ctx, childOwner);
  }
  if (document.body) visit(document.body, -1, { toolbar: false, table: false }, null);
  hits.remove();
  return JSON.stringify({ width: vw, height: vh, dpr: window.devicePixelRatio, elements: out });
}
