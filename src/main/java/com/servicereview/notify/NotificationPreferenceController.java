package com.servicereview.notify;

import com.servicereview.security.CurrentUser;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/me/notifications}: each user reads and sets how they are notified; nobody sets it for another. */
@RestController
@RequestMapping("/api/me/notifications")
public class NotificationPreferenceController {

    static final String MODES = NotificationPreferences.IMMEDIATE + "|" + NotificationPreferences.DAILY_DIGEST;
    static final String MODE_MESSAGE =
            "must be \"" + NotificationPreferences.IMMEDIATE + "\" or \"" + NotificationPreferences.DAILY_DIGEST + "\"";

    private final NotificationPreferences preferences;

    NotificationPreferenceController(NotificationPreferences preferences) {
        this.preferences = preferences;
    }

    public record Preference(String userId, String mode) {}

    public record PreferenceRequest(
            @NotNull(message = MODE_MESSAGE) @Pattern(regexp = MODES, message = MODE_MESSAGE)
            String mode) {}

    @GetMapping
    public Preference get() {
        String user = CurrentUser.id();
        return new Preference(user, preferences.mode(user));
    }

    @PutMapping
    public Preference set(@Valid @RequestBody PreferenceRequest body) {
        String user = CurrentUser.id();
        preferences.setMode(user, body.mode());
        return new Preference(user, body.mode());
    }
}
