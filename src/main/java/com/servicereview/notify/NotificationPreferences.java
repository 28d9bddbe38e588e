package com.servicereview.notify;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code review.notification_preference}: one mail per event ({@value #IMMEDIATE}, the default) or a daily digest. */
@Repository
class NotificationPreferences {

    static final String IMMEDIATE = "immediate";
    static final String DAILY_DIGEST = "daily-digest";

    private final JdbcClient jdbc;

    NotificationPreferences(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    String mode(String userId) {
        return jdbc.sql("select mode from review.notification_preference where user_id = ?")
                .param(userId)
                .query(String.class)
                .optional()
                .orElse(IMMEDIATE);
    }

    void setMode(String userId, String mode) {
        jdbc.sql("""
                insert into review.notification_preference (user_id, mode) values (?, ?)
                on conflict (user_id) do update set mode = excluded.mode, updated_at = now()""").params(userId, mode).update();
    }
}
