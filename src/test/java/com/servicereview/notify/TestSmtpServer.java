package com.servicereview.notify;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * One GreenMail SMTP server per test JVM, started before any test (a JUnit launcher-session listener,
 * registered in META-INF/services) on a free port, which it passes on as the system properties
 * {@code spring.mail.host} and {@code spring.mail.port}. So every test class shares one Spring context
 * with notifications on, builds running side by side never share a port, and the application JVMs that
 * some tests start (which do not inherit system properties) run without mail.
 */
public class TestSmtpServer implements LauncherSessionListener {

    private static GreenMail server;
    private static int port;

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        start();
    }

    /** The server of this JVM. */
    static synchronized GreenMail server() {
        return start();
    }

    /** Stops the server until {@link #restart()}: the SMTP server is down. */
    static synchronized void stop() {
        server.stop();
    }

    /** A new, empty server on the same port. */
    static synchronized GreenMail restart() {
        server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
        return server;
    }

    private static synchronized GreenMail start() {
        if (server == null) {
            server = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            server.start();
            port = server.getSmtp().getPort();
            System.setProperty("spring.mail.host", "127.0.0.1");
            System.setProperty("spring.mail.port", Integer.toString(port));
        }
        return server;
    }
}
