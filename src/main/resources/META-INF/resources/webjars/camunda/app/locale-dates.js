// The web apps load the browser's locale file and the English fallback at the same time, and each
// file's "dateLocales" switches moment.js to its language when it arrives: when English arrives last,
// a Chinese page says "in 2 days". After every locale file has loaded, this puts moment.js (and the
// views of angular-moment) back to the language the page uses. Loaded through requireJsConfig in
// each app's config.js.
define(['angular'], function (angular) {
  'use strict';
  return angular.module('camLocaleDates', []).run(['$rootScope', '$translate', '$injector',
    function ($rootScope, $translate, $injector) {
      if (!$injector.has('amMoment') || !$injector.has('moment')) return;
      var amMoment = $injector.get('amMoment');
      var moment = $injector.get('moment');
      function apply() {
        var language = $translate.use() || $translate.proposedLanguage();
        if (language && moment.locale() !== language && moment.locales().indexOf(language) > -1) {
          amMoment.changeLocale(language);
        }
      }
      $rootScope.$on('$translateChangeSuccess', apply);
      $rootScope.$on('$translateLoadingSuccess', apply);
    }]);
});
