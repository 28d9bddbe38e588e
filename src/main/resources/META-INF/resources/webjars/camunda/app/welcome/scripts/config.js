// Overrides the config.js of Camunda's webjar (our classes come first on the class path).
// The web apps pick the first entry of navigator.languages, cut at "-": zh-CN → locales/zh.json;
// any other language gets English. Keys missing from zh.json fall back to en.json.
export default {
  locales: {
    availableLocales: ['en', 'zh'],
    fallbackLocale: 'en'
  }
};
