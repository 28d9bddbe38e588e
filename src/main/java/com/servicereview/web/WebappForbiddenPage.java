package com.servicereview.web;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorViewResolver;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.View;
import org.springframework.web.util.HtmlUtils;

/**
 * A logged-in user who opens a Camunda web app their groups may not use gets 403 from Camunda's
 * {@code SecurityFilter} (ApplicationRequestAuthorizer), which Spring answers with its Whitelabel error
 * page. For Cockpit and Admin we show instead, in Chinese and English, who the app is for and a link to
 * Tasklist. Only browsers get this page: Spring asks error view resolvers for {@code text/html} only.
 *
 * <p>Being an {@link ErrorViewResolver} bean, this replaces Spring's convention resolver
 * ({@code error/<status>.html}); the project has no such pages.
 */
@Component
class WebappForbiddenPage implements ErrorViewResolver {

    private record App(String name, String whoZh, String whoEn) {}

    private static final Map<String, App> APPS = Map.of(
            "cockpit",
                    new App(
                            "Cockpit",
                            "Cockpit 用于查看和处理考核流程的运行情况，仅供人力资源部（HR）和部门经理使用。",
                            "Cockpit shows how the review processes run and is for HR and department heads only."),
            "admin",
                    new App(
                            "Admin",
                            "Admin 用于管理用户、组和权限，仅供系统管理员使用。",
                            "Admin manages users, groups and permissions and is for administrators only."));

    private final String appPath;
    /** The page for each app, by the app's path segment. */
    private final Map<String, byte[]> pages;

    WebappForbiddenPage(CamundaBpmProperties camunda) {
        this.appPath = camunda.getWebapp().getApplicationPath();
        String template;
        try {
            template = new ClassPathResource("web/webapp-forbidden.html").getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String tasklist = HtmlUtils.htmlEscape(appPath + "/app/tasklist/");
        this.pages = APPS.entrySet().stream()
                .collect(Collectors.toMap(
                        Map.Entry::getKey,
                        app -> template.replace("{{app}}", app.getValue().name())
                                .replace("{{whoZh}}", app.getValue().whoZh())
                                .replace("{{whoEn}}", app.getValue().whoEn())
                                .replace("{{tasklist}}", tasklist)
                                .getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public ModelAndView resolveErrorView(HttpServletRequest request, HttpStatus status, Map<String, Object> model) {
        String prefix = appPath + "/app/";
        if (status != HttpStatus.FORBIDDEN || !(model.get("path") instanceof String path) || !path.startsWith(prefix)) {
            return null;
        }
        String app = path.substring(prefix.length()).split("/", 2)[0];
        byte[] page = pages.get(app);
        if (page == null) return null;
        View view = (viewModel, req, response) -> {
            response.setContentType(MediaType.TEXT_HTML_VALUE + ";charset=UTF-8");
            response.getOutputStream().write(page);
        };
        ModelAndView answer = new ModelAndView(view);
        answer.setStatus(HttpStatus.FORBIDDEN);
        return answer;
    }
}
