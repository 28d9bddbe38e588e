// Overrides the config.js of Camunda's webjar (our classes come first on the class path).
// The web apps pick the first entry of navigator.languages, cut at "-": zh-CN → locales/zh.json;
// any other language gets English. Keys missing from zh.json fall back to en.json.
export default {
  locales: {
    availableLocales: ['en', 'zh'],
    fallbackLocale: 'en'
  },
  // Dates and "in 2 days" in the page's language (see app/locale-dates.js); form-js's validation
  // messages in Chinese and English (see app/tasklist/form-messages.js); a header link to the HR console
  // (see app/tasklist/console-link.js).
  requireJsConfig: {
    deps: ['locale-dates', 'form-messages', 'console-link'],
    ngDeps: ['camLocaleDates'],
    paths: {'locale-dates': '../locale-dates', 'form-messages': 'form-messages', 'console-link': 'console-link'}
  },

  // Camunda's defaults, kept because a config.js replaces them as a whole.
  shortcuts: {
    claimTask: {
      key: 'ctrl+alt+c',
      description: 'claims the currently selected task'
    },
    focusFilter: {
      key: 'ctrl+shift+f',
      description: 'set the focus to the first filter in the list'
    },
    focusList: {
      key: 'ctrl+alt+l',
      description: 'sets the focus to the first task in the list'
    },
    focusForm: {
      key: 'ctrl+alt+f',
      description: 'sets the focus to the first input field in a task form'
    },
    startProcess: {
      key: 'ctrl+alt+p',
      description: 'opens the start process modal dialog'
    }
  }
};
