// The font sizes a page draws its text at (CSS px), for the renderer's font-cache claims (renderer.py, FontClaims):
// every element's, in the document and in open shadow trees, exactly as Blink keeps it (a float32, which Typed OM
// gives back; getComputedStyle rounds it to 6 digits, which is not enough to tell its cache key); and the sizes of
// pseudo-elements that differ from their element's (a ::before icon, a ::marker, a ::placeholder), which only
// getComputedStyle gives: those come back as strings, to be read with their rounding.
() => {
  const exact = new Set(), rounded = new Set();
  const PSEUDOS = ["::before", "::after", "::marker", "::placeholder", "::first-letter"];
  const visit = root => {
    for (const el of root.querySelectorAll("*")) {
      if (el.shadowRoot) visit(el.shadowRoot);
      const size = el.computedStyleMap().get("font-size");
      if (!size) continue;  // no style at all (Ionic's inputs and options not in the flat tree): it draws nothing
      exact.add(size.value);
      const own = getComputedStyle(el).fontSize;
      for (const p of PSEUDOS) {
        const pseudo = getComputedStyle(el, p).fontSize;
        if (pseudo && pseudo !== own) rounded.add(pseudo);
      }
    }
  };
  visit(document);
  return { exact: [...exact], rounded: [...rounded] };
}
