package com.servicereview.notify;

import com.servicereview.security.CurrentUser;
import com.servicereview.web.BadRequestException;
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
    public Preference get() {
        String user = CurrentUser.id();
        return new Preference(user, preferences.mode(user));
    }

    @PutMapping
    public Preference set(@RequestBody PreferenceRequest body) {
        if (body == null || body.mode() == null || !NotificationPreferences.MODES.contains(body.mode())) {
            throw new BadRequestException("mode", "must be \"" + NotificationPreferences.IMMEDIATE + "\" or \""
                    + NotificationPreferences.DAILY_DIGEST + "\"");
        }
        String user = CurrentUser.id();
        preferences.setMode(user, body.mode());
        return new Preference(user, body.mode());
    }
}
