// Overrides the config.js of Camunda's webjar (our classes come first on the class path).
// The web apps pick the first entry of navigator.languages, cut at "-": zh-CN → locales/zh.json;
// any other language gets English. Keys missing from zh.json fall back to en.json.
export default {
  locales: {
    availableLocales: ['en', 'zh'],
    fallbackLocale: 'en'
  },
  // Dates and "in 2 days" in the page's language (see app/locale-dates.js).
  requireJsConfig: {
    deps: ['locale-dates'],
    ngDeps: ['camLocaleDates'],
    paths: {'locale-dates': '../locale-dates'}
  }
};
