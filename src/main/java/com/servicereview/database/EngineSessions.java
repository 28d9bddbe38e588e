package com.servicereview.database;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.interceptor.Session;
import org.camunda.bpm.engine.impl.interceptor.SessionFactory;

/** Sessions of our own in the engine's command contexts: one per context, opened when first asked for. */
public final class EngineSessions {

    private EngineSessions() {}

    /** A factory of {@code type}'s sessions; a session of a type the engine knows replaces the engine's own. */
    public static SessionFactory factory(Class<?> type, Supplier<? extends Session> open) {
        return new SessionFactory() {
            @Override
            public Class<?> getSessionType() {
                return type;
            }

            @Override
            public Session openSession() {
                return open.get();
            }
        };
    }

    /** Adds {@code factory} to the engine's custom session factories, keeping those already there. */
    public static void add(ProcessEngineConfigurationImpl configuration, SessionFactory factory) {
        List<SessionFactory> factories = new ArrayList<>();
        if (configuration.getCustomSessionFactories() != null)
            factories.addAll(configuration.getCustomSessionFactories());
        factories.add(factory);
        configuration.setCustomSessionFactories(factories);
    }
}
