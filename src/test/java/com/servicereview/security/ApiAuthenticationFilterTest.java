package com.servicereview.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import java.io.IOException;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.InOrder;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** What the filter does with the engine's per-thread authentication, which HTTP tests cannot see. */
class ApiAuthenticationFilterTest {

    private final IdentityService identity = mock(IdentityService.class, RETURNS_DEEP_STUBS);
    private final ApiAuthenticationFilter filter =
            new ApiAuthenticationFilter(identity, new JsonErrorWriter(new ObjectMapper()));
    private final MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/schemes");
    private final MockHttpServletResponse response = new MockHttpServletResponse();

    @BeforeEach
    void zhangweiExists() {
        Group team = mock(Group.class);
        when(team.getId()).thenReturn("team-as1");
        when(identity.checkPassword("zhangwei", "demo")).thenReturn(true);
        when(identity.createGroupQuery().groupMember("zhangwei").list()).thenReturn(List.of(team));
    }

    @Test
    void authenticatesForTheRequestAndClearsAfterwards() throws ServletException, IOException {
        request.addHeader("Authorization", TestHttp.basic("zhangwei", "demo"));
        FilterChain chain = mock(FilterChain.class);

        filter.doFilter(request, response, chain);

        InOrder order = inOrder(identity, chain);
        order.verify(identity).setAuthentication("zhangwei", List.of("team-as1"));
        order.verify(chain).doFilter(request, response);
        order.verify(identity).clearAuthentication();
        assertThat(request.getAttribute(ApiAuthenticationFilter.USER_ID_ATTRIBUTE)).isEqualTo("zhangwei");
    }

    @Test
    void clearsTheAuthenticationWhenTheRequestFails() {
        request.addHeader("Authorization", TestHttp.basic("zhangwei", "demo"));
        FilterChain failing = (req, res) -> {
            throw new ServletException("controller failed");
        };

        assertThatThrownBy(() -> filter.doFilter(request, response, failing)).isInstanceOf(ServletException.class);
        verify(identity).clearAuthentication();
    }

    @Test
    void refusesWithAChallengeAndJson() throws ServletException, IOException {
        request.addHeader("Authorization", TestHttp.basic("sunjie", "wrong"));
        MockFilterChain chain = new MockFilterChain();

        filter.doFilter(request, response, chain);

        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getHeader("WWW-Authenticate")).isEqualTo("Basic realm=\"service-review\"");
        assertThat(response.getContentAsString()).contains("\"error\":\"unauthorized\"");
        assertThat(chain.getRequest()).as("not passed on").isNull();
        verify(identity, never()).setAuthentication("zhangwei", List.of("team-as1"));
    }

    @Test
    void refusesMalformedCredentials() throws ServletException, IOException {
        request.addHeader("Authorization", "Basic not-base64!");

        filter.doFilter(request, response, new MockFilterChain());

        assertThat(response.getStatus()).isEqualTo(401);
    }
}
