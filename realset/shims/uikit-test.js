// Stand-in for UIkit's tests/js/test.js, which the npm package does not ship: the test pages name it as their
// only script. It loads what the original loads from the package itself: the built CSS, UIkit and its icons
// (parser-inserted, so they apply before the page's body is laid out). No theme switcher, no network.
document.write('<link rel="stylesheet" href="../dist/css/uikit.css">');
document.write('<script src="../dist/js/uikit.js"><\/script>');
document.write('<script src="../dist/js/uikit-icons.js"><\/script>');
