package com.servicereview.web;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseCookie;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The language of the server-rendered pages (the cycle report, later the HR console): Chinese unless the
 * user chose English with {@code ?lang=en}; the choice is kept in a cookie for a year, {@code ?lang=zh}
 * switches back. Only these two exist: any other language asked for counts as Chinese, so a page never
 * claims a language it has no messages for. The texts are in {@code messages.properties} (Chinese, the
 * default) and {@code messages_en.properties}.
 */
@Configuration(proxyBeanMethods = false)
class PageLocaleConfiguration implements WebMvcConfigurer {

    static final String PARAM = "lang";
    static final String COOKIE = "service-review-lang";

    /** The bean name DispatcherServlet looks for; it also replaces Spring Boot's Accept-Language resolver. */
    @Bean
    LocaleResolver localeResolver() {
        return new PageLocaleResolver();
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleChangeInterceptor change = new LocaleChangeInterceptor();
        change.setParamName(PARAM);
        change.setIgnoreInvalidLocale(true);
        registry.addInterceptor(change);
    }

    /** English for any English locale, else Chinese. */
    static Locale supported(Locale locale) {
        return locale != null && Locale.ENGLISH.getLanguage().equals(locale.getLanguage())
                ? Locale.ENGLISH
                : Locale.SIMPLIFIED_CHINESE;
    }

    static final class PageLocaleResolver implements LocaleResolver {

        /** The language set by this request's {@code ?lang=}, before the browser sends the cookie back. */
        private static final String CHOSEN = PageLocaleResolver.class.getName() + ".CHOSEN";

        @Override
        public Locale resolveLocale(HttpServletRequest request) {
            if (request.getAttribute(CHOSEN) instanceof Locale chosen) return chosen;
            Cookie[] cookies = request.getCookies();
            if (cookies != null) {
                for (Cookie cookie : cookies) {
                    if (COOKIE.equals(cookie.getName())) return supported(Locale.forLanguageTag(cookie.getValue()));
                }
            }
            return Locale.SIMPLIFIED_CHINESE;
        }

        @Override
        public void setLocale(HttpServletRequest request, HttpServletResponse response, Locale locale) {
            Locale chosen = supported(locale);
            request.setAttribute(CHOSEN, chosen);
            if (response == null) return;
            response.addHeader(
                    HttpHeaders.SET_COOKIE,
                    ResponseCookie.from(COOKIE, chosen.toLanguageTag())
                            .path("/")
                            .maxAge(Duration.ofDays(365))
                            .httpOnly(true)
                            .secure(request.isSecure())
                            .sameSite("Lax")
                            .build()
                            .toString());
        }
    }
}
