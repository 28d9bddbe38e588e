// Overrides the config.js of Camunda's webjar (our classes come first on the class path).
// The web apps pick the first entry of navigator.languages, cut at "-": zh-CN → locales/zh.json;
// any other language gets English. Keys missing from zh.json fall back to en.json.
export default {
  locales: {
    availableLocales: ['en', 'zh'],
    fallbackLocale: 'en'
  },
  // The welcome page lists these under "Links" (Camunda's `links` option): the HR console of the application.
  links: [
    {
      label: 'HR 控制台 / HR console',
      href: '/console/',
      description: '考核周期、我的考核、数据导入 / review cycles, my reviews, imports'
    }
  ]
};
