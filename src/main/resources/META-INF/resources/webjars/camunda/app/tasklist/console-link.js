// A link to the HR console (/console/) in Tasklist's header, next to the user menu. Tasklist has no
// configuration for header links (the welcome page has `links`), so this module, loaded through
// requireJsConfig in tasklist's config.js, adds one once the header is rendered (Angular draws it late).
define([], function () {
  'use strict';
  var ID = 'service-review-console-link';

  function add() {
    if (document.getElementById(ID)) return true;
    var menu = document.querySelector('nav.cam-nav.app-menu > ul');
    if (!menu) return false;
    var item = document.createElement('li');
    var link = document.createElement('a');
    link.id = ID;
    link.href = '/console/';
    link.textContent = 'HR 控制台 / HR console';
    item.appendChild(link);
    menu.insertBefore(item, menu.firstChild);
    return true;
  }

  function watch() {
    add();
    // The header is re-rendered after login and logout: keep the link there.
    new MutationObserver(add).observe(document.body, { childList: true, subtree: true });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', watch);
  } else {
    watch();
  }
});
