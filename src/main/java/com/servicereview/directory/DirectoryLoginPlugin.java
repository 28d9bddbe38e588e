package com.servicereview.directory;

import com.servicereview.database.EngineSessions;
import com.servicereview.security.IdentityQueryGuard;
import com.servicereview.security.IdentityQueryGuard.GuardedIdentityProvider;
import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * With {@code service-review.identity.ldap.url} set, the engine's identity provider becomes
 * {@link DirectoryIdentityProvider}: Tasklist, Cockpit, Admin, {@code /engine-rest} and {@code /api} all end in
 * {@code IdentityService.checkPassword}, so one provider serves every login. Without a URL it does nothing.
 * Runs after {@link IdentityQueryGuard}, whose provider it extends.
 */
@Component
@Order(IdentityQueryGuard.ORDER + 1)
@EnableConfigurationProperties(DirectoryProperties.class)
class DirectoryLoginPlugin extends AbstractProcessEnginePlugin {

    private static final Logger log = LoggerFactory.getLogger(DirectoryLoginPlugin.class);

    private final DirectoryProperties settings;

    DirectoryLoginPlugin(DirectoryProperties settings) {
        this.settings = settings;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (!settings.enabled()) {
            return;
        }
        SessionFactory current = configuration.getIdentityProviderSessionFactory();
        if (current == null || current.getSessionType() != GuardedIdentityProvider.class) {
            // Replacing another provider would silently drop its rules.
            throw new IllegalStateException("Directory login expects IdentityQueryGuard's identity provider, found "
                    + (current == null ? "none" : current.getSessionType().getName()));
        }
        DirectoryAuthenticator directory = new DirectoryAuthenticator(settings);
        Set<String> localUsers = Set.copyOf(settings.localUsers());
        configuration.setIdentityProviderSessionFactory(EngineSessions.factory(
                DirectoryIdentityProvider.class, () -> new DirectoryIdentityProvider(directory, localUsers)));
        log.info(
                "Directory login on: {} under {} by {}{}; local passwords only for {}",
                settings.url(),
                settings.userSearchBase(),
                settings.userIdAttribute(),
                settings.userSearchFilter() == null ? "" : " and " + settings.userSearchFilter(),
                localUsers.isEmpty() ? "nobody" : settings.localUsers());
    }
}
