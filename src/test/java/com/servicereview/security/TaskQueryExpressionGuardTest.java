package com.servicereview.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.camunda.bpm.engine.FilterService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Mitigation of the task-query expression advisory, through the real REST API. */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
class TaskQueryExpressionGuardTest {

    private static final String[] ZHANGWEI = {"Authorization", TestHttp.basic("zhangwei", "demo")};

    @LocalServerPort
    int port;

    @Autowired
    FilterService filters;

    TestHttp http;

    @BeforeEach
    void client() {
        http = new TestHttp(port);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/engine-rest/task?assigneeExpression=%24%7BcurrentUser()%7D",
                "/engine-rest/task/count?candidateGroupsExpression=%23%7BcurrentUserGroups()%7D",
                "/engine-rest/engine/default/task?assigneeExpression=%24%7Bx%7D",
                "/engine-rest//task?assigneeExpression=%24%7Bx%7D",
                "/engine-rest/task;a=b?assigneeExpression=%24%7Bx%7D"
            })
    void expressionInAQueryParameterIsRejected(String path) {
        HttpResponse<String> response = http.get(path, ZHANGWEI);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"error\":\"bad_request\"");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "{\"orQueries\": [{\"assigneeExpression\": \"${execution.getProcessEngineServices()}\"}]}",
                "{\"orQueries\": [{\"candidateGroupsExpression\": \"#{x}\"}]}",
                "{\"orQueries\": [{\"assigneeExpression\": \"\\u0024{x}\"}]}",
                "{\"assigneeExpression\": \"${x}\"}"
            })
    void expressionInAJsonBodyIsRejected(String body) {
        assertThat(http.postJson("/engine-rest/task", body, ZHANGWEI).statusCode())
                .isEqualTo(400);
        assertThat(http.postJson("/engine-rest/task/count", body, ZHANGWEI).statusCode())
                .isEqualTo(400);
    }

    @Test
    void expressionWhenExecutingAFilterIsRejected() {
        String filterId = filters.createFilterQuery().list().get(0).getId();
        String body = "{\"orQueries\": [{\"assigneeExpression\": \"${x}\"}]}";

        assertThat(http.postJson("/engine-rest/filter/" + filterId + "/list", body, ZHANGWEI)
                        .statusCode())
                .isEqualTo(400);
        assertThat(http.postJson("/engine-rest/filter/" + filterId + "/count", body, ZHANGWEI)
                        .statusCode())
                .isEqualTo(400);
        // The web apps' engine API has the same endpoints behind the session login.
        assertThat(http.postJson("/camunda/api/engine/engine/default/filter/" + filterId + "/list", body)
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void malformedBodyIsRejected() {
        assertThat(http.postJson("/engine-rest/task", "{\"orQueries\": [", ZHANGWEI)
                        .statusCode())
                .isEqualTo(400);
    }

    @Test
    void normalTaskQueriesPass() {
        assertThat(http.get("/engine-rest/task?assignee=zhangwei", ZHANGWEI).statusCode())
                .isEqualTo(200);
        assertThat(http.get("/engine-rest/task/count", ZHANGWEI).statusCode()).isEqualTo(200);

        HttpResponse<String> orQuery = http.postJson(
                "/engine-rest/task",
                "{\"orQueries\": [{\"assignee\": \"zhangwei\"}, {\"candidateGroup\": \"team-as1\"}]}",
                ZHANGWEI);
        assertThat(orQuery.statusCode()).isEqualTo(200);
        assertThat(orQuery.body()).startsWith("[");
    }

    @Test
    void storedFilterExpressionsStillWork() {
        String filterId = filters.createFilterQuery()
                .filterName("我的任务 / My tasks")
                .singleResult()
                .getId();

        HttpResponse<String> response = http.postJson(
                "/engine-rest/filter/" + filterId + "/count",
                "{\"sorting\": [{\"sortBy\": \"created\", \"sortOrder\": \"desc\"}]}",
                ZHANGWEI);

        assertThat(response.statusCode()).isEqualTo(200);
        // The filter's ${currentUser()} ran: zhangwei's own tasks are counted (other tests may have given him some).
        assertThat(response.body()).matches("\\{\"count\":\\d+}");
    }
}
