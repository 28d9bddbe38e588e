package com.servicereview.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * What the API security chain does with the engine's per-thread authentication, which HTTP tests cannot see:
 * the chain runs on this thread, against the real identity store. (Formerly ApiAuthenticationFilterTest.)
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class ApiSecurityChainTest {

    @Autowired
    @Qualifier("springSecurityFilterChain")
    Filter security;

    @Autowired
    IdentityService identity;

    private final MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/schemes");
    private final MockHttpServletResponse response = new MockHttpServletResponse();
    private String createdUser;

    @AfterEach
    void deleteCreatedUser() {
        if (createdUser != null) identity.deleteUser(createdUser);
    }

    @Test
    void authenticatesForTheRequestAndClearsAfterwards() throws ServletException, IOException {
        request.addHeader("Authorization", TestHttp.basic("zhangwei", "demo"));
        AtomicReference<Authentication> engine = new AtomicReference<>();
        AtomicReference<String> caller = new AtomicReference<>();
        FilterChain chain = (req, res) -> {
            engine.set(identity.getCurrentAuthentication());
            caller.set(CurrentUser.id());
        };

        security.doFilter(request, response, chain);

        List<String> groups = identity.createGroupQuery().groupMember("zhangwei").list().stream()
                .map(Group::getId)
                .toList();
        assertThat(groups).contains("team-as1");
        assertThat(engine.get().getUserId()).isEqualTo("zhangwei");
        assertThat(engine.get().getGroupIds()).containsExactlyInAnyOrderElementsOf(groups);
        assertThat(caller.get()).isEqualTo("zhangwei");
        assertThat(identity.getCurrentAuthentication())
                .as("cleared after the request")
                .isNull();
    }

    @Test
    void clearsTheAuthenticationWhenTheRequestFails() {
        request.addHeader("Authorization", TestHttp.basic("zhangwei", "demo"));
        FilterChain failing = (req, res) -> {
            throw new ServletException("controller failed");
        };

        assertThatThrownBy(() -> security.doFilter(request, response, failing)).isInstanceOf(ServletException.class);
        assertThat(identity.getCurrentAuthentication()).isNull();
    }

    @Test
    void refusesWithAChallengeAndJson() throws ServletException, IOException {
        // A user of its own: a wrong password delays that user's next login.
        createdUser = "chaintest" + UUID.randomUUID().toString().substring(0, 8);
        User user = identity.newUser(createdUser);
        user.setPassword("demo");
        identity.saveUser(user);
        request.addHeader("Authorization", TestHttp.basic(createdUser, "wrong"));
        MockFilterChain chain = new MockFilterChain();

        security.doFilter(request, response, chain);

        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getHeader("WWW-Authenticate")).isEqualTo("Basic realm=\"service-review\"");
        assertThat(response.getContentAsString()).contains("\"error\":\"unauthorized\"");
        assertThat(chain.getRequest()).as("not passed on").isNull();
        assertThat(identity.getCurrentAuthentication()).isNull();
    }

    @Test
    void refusesMalformedCredentials() throws ServletException, IOException {
        request.addHeader("Authorization", "Basic not-base64!");

        security.doFilter(request, response, new MockFilterChain());

        assertThat(response.getStatus()).isEqualTo(401);
    }
}
