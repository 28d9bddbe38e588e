// form-js 1.8.7, as bundled in Tasklist 7.24, has its validation messages in English only and no way
// to set them per field. Our forms speak Chinese first, then English: this adds the Chinese to each
// message form-js shows ("不得大于 30 / Field must have maximum value of 30."), and says a pattern's
// message in words instead of the raw regular expression. Loaded through requireJsConfig in tasklist's
// config.js.
define([], function () {
  'use strict';
  // Each rule gives the Chinese; one marked true gives the whole message, English included.
  var RULES = [
    [/^Field is required\.?$/, function () { return '必填'; }],
    [/^Field must have minimum value of (.+?)\.?$/, function (m) { return '不得小于 ' + m[1]; }],
    [/^Field must have maximum value of (.+?)\.?$/, function (m) { return '不得大于 ' + m[1]; }],
    [/^Field must have minimum length of (.+?)\.?$/, function (m) { return '至少 ' + m[1] + ' 个字'; }],
    [/^Field must have maximum length of (.+?)\.?$/, function (m) { return '至多 ' + m[1] + ' 个字'; }],
    [/^Field must match pattern (.+?)\.?$/, function () {
      return '格式不正确，请按名称与说明填写 / Not in the format its label and description give';
    }, true],
    [/^Value must be a number\.?$/, function () { return '请输入数字'; }],
    [/^Field must be an? (.+?)\.?$/, function () { return '格式不正确'; }]
  ];
  var HAN = /[\u4e00-\u9fff]/;

  function translate(node) {
    var text = (node.textContent || '').trim();
    if (!text || HAN.test(text)) return;
    for (var i = 0; i < RULES.length; i++) {
      var match = RULES[i][0].exec(text);
      if (match) {
        node.textContent = RULES[i][2] ? RULES[i][1](match) : RULES[i][1](match) + ' / ' + text;
        return;
      }
    }
  }

  function scan(root) {
    if (!root.querySelectorAll) return;
    var errors = root.querySelectorAll('.fjs-form-field-error li, .fjs-form-field-error span');
    for (var i = 0; i < errors.length; i++) {
      if (!errors[i].children.length) translate(errors[i]);
    }
  }

  function start() {
    new MutationObserver(function (mutations) {
      for (var i = 0; i < mutations.length; i++) {
        var target = mutations[i].target;
        scan(target.nodeType === 1 ? target : target.parentElement || document.body);
      }
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  }

  if (document.body) start(); else document.addEventListener('DOMContentLoaded', start);
  return {};
});
