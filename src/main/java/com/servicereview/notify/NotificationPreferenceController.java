package com.servicereview.notify;

import com.servicereview.security.ApiAuthenticationFilter;
import com.servicereview.web.BadRequestException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/me/notifications}: each user reads and sets how they are notified; nobody sets it for another. */
@RestController
@RequestMapping("/api/me/notifications")
public class NotificationPreferenceController {

    private final NotificationPreferences preferences;

    NotificationPreferenceController(NotificationPreferences preferences) {
        this.preferences = preferences;
    }

    public record Preference(String userId, String mode) {
    }

    public record PreferenceRequest(String mode) {
    }

    @GetMapping
    public Preference get(HttpServletRequest request) {
        String user = user(request);
        return new Preference(user, preferences.mode(user));
    }

    @PutMapping
    public Preference set(HttpServletRequest request, @RequestBody PreferenceRequest body) {
        if (body == null || body.mode() == null || !NotificationPreferences.MODES.contains(body.mode())) {
            throw new BadRequestException("mode", "must be \"" + NotificationPreferences.IMMEDIATE + "\" or \""
                    + NotificationPreferences.DAILY_DIGEST + "\"");
        }
        String user = user(request);
        preferences.setMode(user, body.mode());
        return new Preference(user, body.mode());
    }

    private static String user(HttpServletRequest request) {
        return (String) request.getAttribute(ApiAuthenticationFilter.USER_ID_ATTRIBUTE);
    }
}
