package com.servicereview.org;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.servicereview.review.ReviewRepository;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.util.LinkedMultiValueMap;

/**
 * POST /api/org/import: good files in every format, every refusal (with nothing changed), the sync
 * (add, change, leave, come back), the dry-run diff, and Camunda users, groups and grants following
 * the organisation. Each test builds its own small organisation with ids of its own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class OrgImportTest {

    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final String UNITS_HEADER = "unit_id,name_zh,name_en,kind,parent_id,head_id\n";
    private static final String PEOPLE_HEADER =
            "employee_id,name_zh,name_en,unit_id,job_title,role,supervisor_id,email,active_from,active_to,flags\n";

    @Autowired
    TestRestTemplate rest;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    IdentityService identity;

    @Autowired
    AuthorizationService authorizations;

    @Autowired
    ReviewRepository reviews;

    private final ObjectMapper json = new ObjectMapper();

    /** A department with two teams: head h, supervisors s1 and s2, agents a1, a2 (team 1) and b1 (team 2). */
    private final class Org {
        final String p = "oi" + Long.toString(System.nanoTime() % 1_000_000_000L, 36) + SEQUENCE.incrementAndGet();
        final String dept = p + "-d";
        final String t1 = p + "-t1";
        final String t2 = p + "-t2";
        final String h = p + "h";
        final String s1 = p + "s1";
        final String s2 = p + "s2";
        final String a1 = p + "a1";
        final String a2 = p + "a2";
        final String b1 = p + "b1";

        String units() {
            return UNITS_HEADER
                    + dept + ",客服部,Service Department,department,," + h + "\n"
                    + t1 + ",一组,Team 1,team," + dept + "," + s1 + "\n"
                    + t2 + ",二组,Team 2,team," + dept + "," + s2 + "\n";
        }

        String people() {
            return PEOPLE_HEADER
                    + person(h, "何经理", "He Jingli", dept, "department-head", "")
                    + person(s1, "孙主管", "Sun Zhuguan", t1, "supervisor", h)
                    + person(s2, "沈主管", "Shen Zhuguan", t2, "主管", h)
                    + person(a1, "安一", "An Yi", t1, "employee", s1)
                    + person(a2, "安二", "An Er", t1, "员工", s1)
                    + person(b1, "白一", "Bai Yi", t2, "employee", s2);
        }

        String reviewers() {
            return "unit_id,reviewer_id\n" + t1 + "," + s2 + "\n" + t1 + "," + b1 + "\n" + t2 + "," + s1 + "\n";
        }
    }

    private static String person(String id, String nameZh, String nameEn, String unit, String role, String supervisor) {
        return person(id, nameZh, nameEn, unit, role, supervisor, "");
    }

    private static String person(
            String id, String nameZh, String nameEn, String unit, String role, String supervisor, String activeTo) {
        return String.join(
                        ",",
                        id,
                        nameZh,
                        nameEn,
                        unit,
                        "客服专员",
                        role,
                        supervisor,
                        id + "@example.com",
                        "2020-01-06",
                        activeTo,
                        "")
                + "\n";
    }

    // ---- requests ------------------------------------------------------------------------------

    private ResponseEntity<String> upload(String user, boolean dryRun, Map<String, Object> parts) {
        LinkedMultiValueMap<String, Object> form = new LinkedMultiValueMap<>();
        parts.forEach((part, content) -> form.add(
                part,
                file(
                        part + (content instanceof byte[] b && b.length > 1 && b[0] == 'P' ? ".xlsx" : ".csv"),
                        content instanceof String text ? text.getBytes(StandardCharsets.UTF_8) : (byte[]) content)));
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.MULTIPART_FORM_DATA);
        return rest.withBasicAuth(user, "demo")
                .exchange(
                        "/api/org/import" + (dryRun ? "?dryRun=true" : ""),
                        HttpMethod.POST,
                        new HttpEntity<>(form, headers),
                        String.class);
    }

    private static ByteArrayResource file(String name, byte[] content) {
        return new ByteArrayResource(content) {
            @Override
            public String getFilename() {
                return name;
            }
        };
    }

    private JsonNode importCsv(Org org, String units, String people, String reviewers) throws Exception {
        Map<String, Object> parts = new LinkedHashMap<>();
        if (units != null) parts.put("units", units);
        if (people != null) parts.put("people", people);
        if (reviewers != null) parts.put("groupReviewers", reviewers);
        return ok(upload("zhaomin", false, parts));
    }

    private JsonNode importOrg(Org org) throws Exception {
        return importCsv(org, org.units(), org.people(), org.reviewers());
    }

    private JsonNode ok(ResponseEntity<String> answer) throws Exception {
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(200);
        return json.readTree(answer.getBody());
    }

    /** Refused with 400, every error naming where; and nothing changed anywhere. */
    private JsonNode refused(Map<String, Object> parts) throws Exception {
        Map<String, Long> before = counts();
        ResponseEntity<String> answer = upload("zhaomin", false, parts);
        assertThat(answer.getStatusCode().value()).as(answer.getBody()).isEqualTo(400);
        JsonNode body = json.readTree(answer.getBody());
        assertThat(body.path("error").asText()).isEqualTo("invalid-file");
        assertThat(body.path("errors")).isNotEmpty().allSatisfy(error -> {
            assertThat(error.path("file").asText()).isNotEmpty();
            assertThat(error.path("reason").asText()).isNotEmpty();
        });
        assertThat(counts()).isEqualTo(before);
        return body.path("errors");
    }

    private Map<String, Long> counts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : List.of(
                "review.org_unit",
                "review.employee",
                "review.employee_flag",
                "review.group_reviewer",
                "review.audit_event",
                "public.act_id_user",
                "public.act_id_group",
                "public.act_id_membership",
                "public.act_ru_authorization")) {
            counts.put(
                    table,
                    jdbc.sql("select count(*) from " + table).query(Long.class).single());
        }
        counts.put(
                "activeEmployees",
                jdbc.sql("select count(*) from review.employee where active")
                        .query(Long.class)
                        .single());
        counts.put(
                "lockedUsers",
                jdbc.sql("select count(*) from public.act_id_user where attempts_ > 0")
                        .query(Long.class)
                        .single());
        return counts;
    }

    private static JsonNode error(JsonNode errors, String column) {
        for (JsonNode error : errors) {
            if (column.equals(error.path("column").asText())) return error;
        }
        throw new AssertionError("no error in column " + column + ": " + errors);
    }

    private List<String> groupsOf(String userId) {
        return identity.createGroupQuery().groupMember(userId).list().stream()
                .map(Group::getId)
                .toList();
    }

    private boolean mayRead(String userId, String otherId) {
        return authorizations.isUserAuthorized(userId, groupsOf(userId), Permissions.READ, Resources.USER, otherId);
    }

    private boolean locked(String userId) {
        return jdbc.sql("select attempts_ >= 10 from public.act_id_user where id_ = ?")
                .param(userId)
                .query(Boolean.class)
                .single();
    }

    // ---- good files ----------------------------------------------------------------------------

    @Test
    void csvFilesCreateTheOrganisationAndItsCamundaUsersAndGroups() throws Exception {
        Org org = new Org();
        JsonNode result = importOrg(org);

        assertThat(result.path("applied").asBoolean()).isTrue();
        assertThat(result.path("counts").path("unitsAdded").asInt()).isEqualTo(3);
        assertThat(result.path("counts").path("peopleAdded").asInt()).isEqualTo(6);
        assertThat(result.path("counts").path("groupReviewersAdded").asInt()).isEqualTo(3);

        JsonNode a1 =
                ok(rest.withBasicAuth("zhaomin", "demo").getForEntity("/api/org/employees/" + org.a1, String.class));
        assertThat(a1.path("nameZh").asText()).isEqualTo("安一");
        assertThat(a1.path("unitId").asText()).isEqualTo(org.t1);
        assertThat(a1.path("supervisorId").asText()).isEqualTo(org.s1);
        assertThat(a1.path("role").asText()).isEqualTo("EMPLOYEE");
        assertThat(a1.path("active").asBoolean()).isTrue();
        assertThat(ok(rest.withBasicAuth("zhaomin", "demo")
                        .getForEntity("/api/org/employees?unit=" + org.dept, String.class)))
                .extracting(e -> e.path("id").asText())
                .containsExactlyInAnyOrder(org.h, org.s1, org.s2, org.a1, org.a2, org.b1);
        assertThat(ok(rest.withBasicAuth("zhaomin", "demo").getForEntity("/api/org/units", String.class)))
                .extracting(u -> u.path("id").asText())
                .contains(org.dept, org.t1, org.t2);

        // Camunda follows: users, role and unit groups, profile grants; no usable password.
        User user = identity.createUserQuery().userId(org.a1).singleResult();
        assertThat(user.getFirstName() + " " + user.getLastName()).isEqualTo("安一 An Yi");
        assertThat(user.getEmail()).isEqualTo(org.a1 + "@example.com");
        assertThat(identity.checkPassword(org.a1, "demo")).isFalse();
        assertThat(groupsOf(org.a1)).containsExactlyInAnyOrder(OrgGroups.EMPLOYEES, "team-" + org.t1);
        assertThat(groupsOf(org.s2))
                .containsExactlyInAnyOrder(OrgGroups.EMPLOYEES, OrgGroups.SUPERVISORS, "team-" + org.t2);
        assertThat(groupsOf(org.h))
                .containsExactlyInAnyOrder(OrgGroups.EMPLOYEES, OrgGroups.DEPARTMENT_HEADS, "dept-" + org.dept);
        assertThat(identity.createGroupQuery()
                        .groupId("team-" + org.t1)
                        .singleResult()
                        .getName())
                .isEqualTo("一组 / Team 1");
        assertThat(mayRead(org.a1, org.s1)).as("own supervisor").isTrue();
        assertThat(mayRead(org.a1, org.h)).as("indirect supervisor").isTrue();
        assertThat(mayRead(org.a1, org.a2)).as("a peer").isFalse();
        assertThat(mayRead(org.h, org.b1))
                .as("the head, someone of the department")
                .isTrue();
        assertThat(mayRead(org.b1, org.a1))
                .as("a group reviewer, the team they rate")
                .isTrue();
        assertThat(mayRead(org.s1, org.b1)).as("s1 rates team 2").isTrue();
        assertThat(mayRead(org.a2, org.b1)).isFalse();
        assertThat(jdbc.sql("select reviewer_id from review.group_reviewer where unit_id = ? order by reviewer_id")
                        .param(org.t1)
                        .query(String.class)
                        .list())
                .containsExactly(org.b1, org.s2);
        assertThat(jdbc.sql("select actor from review.audit_event where action = 'org.person.added' and subject = ?")
                        .param(org.a1)
                        .query(String.class)
                        .list())
                .containsExactly("zhaomin");

        // The same file again changes nothing: the sync and the provisioning are idempotent.
        Map<String, Long> before = counts();
        JsonNode again = importOrg(org);
        again.path("counts").forEach(n -> assertThat(n.asInt()).isZero());
        again.path("provisioned")
                .forEach(n -> assertThat(n.asInt())
                        .as(again.path("provisioned").toString())
                        .isZero());
        before.put("review.audit_event", before.get("review.audit_event") + 1);
        assertThat(counts()).as("only the import's own audit row").isEqualTo(before);
    }

    @Test
    void anXlsxWorkbookWithChineseHeadersAndAGbkCsvAreRead() throws Exception {
        Org org = new Org();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XSSFWorkbook workbook = new XSSFWorkbook()) {
            sheet(
                    workbook,
                    "单位",
                    List.of("单位编号", "中文名称", "英文名称", "类型", "上级单位", "负责人"),
                    List.of(org.dept, "客服部", "Service Department", "部门", "", org.h),
                    List.of(org.t1, "一组", "Team 1", "小组", org.dept, org.s1));
            XSSFSheet people = sheet(
                    workbook,
                    "人员",
                    List.of("工号", "中文姓名", "英文姓名", "单位", "角色", "直接上级", "入职日期", "人事决策委员会"),
                    List.of(org.h, "何经理", "He Jingli", org.dept, "部门负责人", "", "", "否"),
                    List.of(org.s1, "孙主管", "Sun Zhuguan", org.t1, "主管", org.h, "", "否"),
                    List.of(org.a1, "安一", "An Yi", org.t1, "员工", org.s1, "", "是"));
            for (int row = 1; row <= 3; row++) {
                // A real date cell, as Excel stores it.
                var cell = people.getRow(row).createCell(6);
                cell.setCellValue(LocalDate.of(2021, 3, 5));
                var style = workbook.createCellStyle();
                style.setDataFormat(
                        workbook.getCreationHelper().createDataFormat().getFormat("yyyy/m/d"));
                cell.setCellStyle(style);
            }
            sheet(workbook, "评议人", List.of("被评单位", "评议人"), List.of(org.t1, org.h));
            workbook.write(out);
        }
        JsonNode result = ok(upload("zhaomin", false, Map.of("file", out.toByteArray())));
        assertThat(result.path("counts").path("peopleAdded").asInt()).isEqualTo(3);
        assertThat(jdbc.sql("select hired_on::text || ' ' || hr_committee from review.employee where id = ?")
                        .param(org.a1)
                        .query(String.class)
                        .single())
                .isEqualTo("2021-03-05 true");
        assertThat(groupsOf(org.a1)).contains(OrgGroups.HR_COMMITTEE);

        // A CSV saved by Excel in China is GBK; Chinese headers and names come through.
        // a1 leaves the committee (the column left out means no).
        String gbk = "工号,中文姓名,英文姓名,单位,角色,直接上级,入职日期\n" + org.a2 + ",安二,An Er," + org.t1 + ",员工," + org.s1
                + ",2022-01-04\n" + org.a1 + ",安一,An Yi," + org.t1 + ",员工," + org.s1 + ",2021-03-05\n";
        JsonNode second = ok(upload("zhaomin", false, Map.of("people", gbk.getBytes(Charset.forName("GB18030")))));
        assertThat(second.path("counts").path("peopleLeaving").asInt())
                .as("the file lists no units: nobody leaves")
                .isZero();
        assertThat(jdbc.sql("select name_zh from review.employee where id = ?")
                        .param(org.a2)
                        .query(String.class)
                        .single())
                .isEqualTo("安二");
        assertThat(groupsOf(org.a1)).doesNotContain(OrgGroups.HR_COMMITTEE);
    }

    private static XSSFSheet sheet(XSSFWorkbook workbook, String name, List<String> header, List<?>... rows) {
        XSSFSheet sheet = workbook.createSheet(name);
        List<List<?>> all = new ArrayList<>();
        all.add(header);
        all.addAll(List.of(rows));
        for (int r = 0; r < all.size(); r++) {
            var row = sheet.createRow(r);
            for (int c = 0; c < all.get(r).size(); c++)
                row.createCell(c).setCellValue(String.valueOf(all.get(r).get(c)));
        }
        return sheet;
    }

    @Test
    void aJsonDocumentIsOneOrganisation() throws Exception {
        Org org = new Org();
        String body = """
                {"units": [{"unit_id": "%1$s", "name_zh": "部", "name_en": "Dept", "kind": "department", "head_id": "%2$s"}],
                 "people": [{"employee_id": "%2$s", "name_zh": "何", "name_en": "He", "unit_id": "%1$s", "role": "department-head",
                             "active_from": "2020-01-01", "flags": "dedicated-after-sales", "phone": "13800000000"},
                            {"employee_id": "%3$s", "name_zh": "安", "name_en": "An", "unit_id": "%1$s", "role": "employee",
                             "supervisor_id": "%2$s", "active_from": "2020-01-01", "hr_committee": false}]}""".formatted(org.dept, org.h, org.a1);
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        JsonNode result = ok(rest.withBasicAuth("zhaomin", "demo")
                .exchange("/api/org/import", HttpMethod.POST, new HttpEntity<>(body, headers), String.class));
        assertThat(result.path("counts").path("peopleAdded").asInt()).isEqualTo(2);
        assertThat(jdbc.sql("select flag from review.employee_flag where employee_id = ?")
                        .param(org.h)
                        .query(String.class)
                        .list())
                .containsExactly("dedicated-after-sales");
        assertThat(jdbc.sql("select phone from review.employee where id = ?")
                        .param(org.h)
                        .query(String.class)
                        .single())
                .isEqualTo("13800000000");
        // The review's data step reads the flag as the input of that name (售后处理: full points for dedicated staff).
        assertThat(reviews.kpiValues(org.h, "2026-01").get("dedicated-after-sales"))
                .isEqualTo(new ReviewRepository.KpiValue("dedicated-after-sales", 1, "org"));
        assertThat(reviews.kpiValues(org.a1, "2026-01")).doesNotContainKey("dedicated-after-sales");
    }

    // ---- dry run and sync ----------------------------------------------------------------------

    /** a1 renamed, a2 moved to team 2, b1 left out (leaves), c1 joins team 1. */
    private String changedPeople(Org org, String c1) {
        return PEOPLE_HEADER
                + person(org.h, "何经理", "He Jingli", org.dept, "department-head", "")
                + person(org.s1, "孙主管", "Sun Zhuguan", org.t1, "supervisor", org.h)
                + person(org.s2, "沈主管", "Shen Zhuguan", org.t2, "supervisor", org.h)
                + person(org.a1, "安逸", "An Yi", org.t1, "employee", org.s1)
                + person(org.a2, "安二", "An Er", org.t2, "employee", org.s2)
                + person(c1, "程一", "Cheng Yi", org.t1, "employee", org.s1);
    }

    @Test
    void aDryRunShowsTheDifferenceFieldByFieldAndChangesNothing() throws Exception {
        Org org = new Org();
        importOrg(org);
        String c1 = org.p + "c1";
        Map<String, Long> before = counts();

        JsonNode diff = ok(upload(
                "zhaomin",
                true,
                Map.of(
                        "units",
                        org.units(),
                        "people",
                        changedPeople(org, c1),
                        "groupReviewers",
                        "unit_id,reviewer_id\n" + org.t1 + "," + org.s2 + "\n" + org.t2 + "," + org.s1 + "\n")));

        assertThat(diff.path("dryRun").asBoolean()).isTrue();
        assertThat(diff.path("applied").asBoolean()).isFalse();
        assertThat(diff.path("people").path("added"))
                .extracting(p -> p.path("id").asText())
                .containsExactly(c1);
        assertThat(diff.path("people").path("leaving"))
                .extracting(p -> p.path("id").asText())
                .containsExactly(org.b1);
        Map<String, JsonNode> changed = new LinkedHashMap<>();
        diff.path("people")
                .path("changed")
                .forEach(p -> changed.put(p.path("id").asText(), p.path("changes")));
        assertThat(changed).containsOnlyKeys(org.a1, org.a2);
        assertThat(changed.get(org.a1).path("nameZh").path("old").asText()).isEqualTo("安一");
        assertThat(changed.get(org.a1).path("nameZh").path("new").asText()).isEqualTo("安逸");
        assertThat(changed.get(org.a2).path("unitId").path("new").asText()).isEqualTo(org.t2);
        assertThat(changed.get(org.a2).path("supervisorId").path("old").asText())
                .isEqualTo(org.s1);
        assertThat(changed.get(org.a2).path("supervisorId").path("new").asText())
                .isEqualTo(org.s2);
        assertThat(diff.path("groupReviewers").path("removed"))
                .extracting(g -> g.path("reviewerId").asText())
                .containsExactly(org.b1);
        assertThat(diff.path("units").path("changed")).isEmpty();
        assertThat(counts()).isEqualTo(before);
        assertThat(jdbc.sql("select count(*) from review.employee where id = ?")
                        .param(c1)
                        .query(Long.class)
                        .single())
                .isZero();
    }

    @Test
    void aReimportAddsChangesAndDeactivatesAndCamundaFollows() throws Exception {
        Org org = new Org();
        importOrg(org);
        String c1 = org.p + "c1";

        JsonNode result = importCsv(org, org.units(), changedPeople(org, c1), null);

        assertThat(result.path("counts").path("peopleAdded").asInt()).isEqualTo(1);
        assertThat(result.path("counts").path("peopleChanged").asInt()).isEqualTo(2);
        assertThat(result.path("counts").path("peopleLeaving").asInt()).isEqualTo(1);
        // The leaver stays, inactive, with a last day; their reviewer row goes.
        assertThat(jdbc.sql("select active::text || ' ' || active_to from review.employee where id = ?")
                        .param(org.b1)
                        .query(String.class)
                        .single())
                .isEqualTo("false " + LocalDate.now().minusDays(1));
        JsonNode b1 =
                ok(rest.withBasicAuth("zhaomin", "demo").getForEntity("/api/org/employees/" + org.b1, String.class));
        assertThat(b1.path("active").asBoolean()).isFalse();
        assertThat(jdbc.sql("select count(*) from review.group_reviewer where reviewer_id = ?")
                        .param(org.b1)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(groupsOf(org.b1)).isEmpty();
        assertThat(locked(org.b1)).isTrue();
        assertThat(mayRead(org.s1, org.b1))
                .as("nobody rates team 2's leaver; s1 still rates team 2's people")
                .isFalse();
        // Transfer and rename follow in Camunda.
        assertThat(groupsOf(org.a2)).containsExactlyInAnyOrder(OrgGroups.EMPLOYEES, "team-" + org.t2);
        assertThat(mayRead(org.a2, org.s2)).isTrue();
        assertThat(mayRead(org.a2, org.s1))
                .as("the old supervisor's profile grant is withdrawn")
                .isFalse();
        assertThat(identity.createUserQuery().userId(org.a1).singleResult().getFirstName())
                .isEqualTo("安逸");
        assertThat(groupsOf(c1)).containsExactlyInAnyOrder(OrgGroups.EMPLOYEES, "team-" + org.t1);
        // Every change is on the audit trail, with who.
        assertThat(jdbc.sql("select action || ' ' || actor from review.audit_event where subject = ? order by id")
                        .param(org.b1)
                        .query(String.class)
                        .list())
                .containsExactly("org.person.added zhaomin", "org.person.left zhaomin");
        assertThat(jdbc.sql(
                                "select detail -> 'unitId' ->> 'new' from review.audit_event where subject = ? and action = 'org.person.changed'")
                        .param(org.a2)
                        .query(String.class)
                        .single())
                .isEqualTo(org.t2);

        // b1 comes back: unlocked, in the team again.
        importCsv(org, null, PEOPLE_HEADER + person(org.b1, "白一", "Bai Yi", org.t2, "employee", org.s2), null);
        assertThat(locked(org.b1)).isFalse();
        assertThat(groupsOf(org.b1)).containsExactlyInAnyOrder(OrgGroups.EMPLOYEES, "team-" + org.t2);

        // A unit below a listed one that the file leaves out is removed; its people leave.
        importCsv(
                org,
                UNITS_HEADER + org.dept + ",客服部,Service Department,department,," + org.h + "\n" + org.t1
                        + ",一组,Team 1,team," + org.dept + "," + org.s1 + "\n",
                PEOPLE_HEADER
                        + person(org.h, "何经理", "He Jingli", org.dept, "department-head", "")
                        + person(org.s1, "孙主管", "Sun Zhuguan", org.t1, "supervisor", org.h)
                        + person(org.a1, "安逸", "An Yi", org.t1, "employee", org.s1)
                        + person(c1, "程一", "Cheng Yi", org.t1, "employee", org.s1),
                null);
        assertThat(jdbc.sql("select active from review.org_unit where id = ?")
                        .param(org.t2)
                        .query(Boolean.class)
                        .single())
                .isFalse();
        assertThat(jdbc.sql("select count(*) from review.employee where active and id in (?, ?, ?)")
                        .params(org.s2, org.a2, org.b1)
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(identity.createUserQuery().memberOfGroup("team-" + org.t2).count())
                .isZero();
    }

    // ---- refusals ------------------------------------------------------------------------------

    @Test
    void everyFaultIsReportedWithFileRowColumnAndReasonAndNothingChanges() throws Exception {
        Org org = new Org();
        String x = org.p + "x";
        String units = org.units();
        JsonNode errors = refused(Map.of(
                "units",
                units,
                "people",
                PEOPLE_HEADER
                        + person(org.h, "何经理", "He Jingli", org.dept, "department-head", "")
                        + person(org.s1, "孙主管", "Sun Zhuguan", org.t1, "supervisor", org.h)
                        + person(org.s2, "沈主管", "Shen Zhuguan", org.t2, "supervisor", org.h)
                        + person(org.a1, "安一", "An Yi", org.p + "-nowhere", "employee", org.s1)
                        + person(org.a2, "安二", "An Er", org.t1, "employee", org.p + "ghost")
                        + person(org.b1, "白一", "Bai Yi", org.t2, "employee", org.b1)
                        + person(x, "许", "Xu", org.t2, "chief", org.s2)
                        + person(x, "许", "Xu", org.t2, "employee", org.s2)));
        assertThat(errors.toString()).contains("people.csv");
        JsonNode unknownUnit = error(errors, "unit_id");
        assertThat(unknownUnit.path("row").asInt()).isEqualTo(5);
        // Chinese first, then English, like every other API message.
        assertThat(unknownUnit.path("reason").asText())
                .startsWith("不是文件或组织中的单位（未知单位）/ ")
                .contains("unknown unit");
        assertThat(errors.toString())
                .contains("unknown supervisor", "supervises themself", "is not employee, supervisor", "appears twice")
                .contains("未知上级", "任何人都不能做自己的上级", "不是员工、主管", "重复出现");

        JsonNode loop = refused(Map.of(
                "people",
                PEOPLE_HEADER
                        + person(org.a1, "安一", "An Yi", "", "employee", org.a2)
                        + person(org.a2, "安二", "An Er", "", "employee", org.b1)
                        + person(org.b1, "白一", "Bai Yi", "", "employee", org.a1)));
        assertThat(error(loop, "supervisor_id").path("reason").asText())
                .startsWith("使汇报线成环：")
                .contains("reporting line loop");

        JsonNode heads = refused(Map.of(
                "units",
                UNITS_HEADER
                        + org.dept + ",客服部,Service Department,department,,\n"
                        + org.t1 + ",一组,Team 1,team," + org.dept + "," + org.s1 + ";" + org.s2 + "\n"
                        + org.t1 + ",一组,Team 1,team," + org.dept + "," + org.s1 + "\n"
                        + org.t2 + ",二组,Team 2,team," + org.t2 + "," + org.s2 + "\n",
                "people",
                org.people()));
        assertThat(heads.toString())
                .contains(
                        "units.csv", "a unit without a head", "more than one head", "appears twice", "hierarchy loops")
                .contains("单位没有负责人", "一个单位只有一位负责人", "单位层级成环");
        assertThat(error(heads, "head_id").path("row").asInt()).isEqualTo(2);

        JsonNode unitLoop = refused(Map.of(
                "units",
                UNITS_HEADER
                        + org.dept + ",客服部,Service Department,department," + org.t1 + "," + org.h + "\n"
                        + org.t1 + ",一组,Team 1,team," + org.dept + "," + org.s1 + "\n",
                "people",
                org.people()));
        assertThat(unitLoop.toString()).contains("hierarchy loop");

        JsonNode values = refused(Map.of(
                "people",
                PEOPLE_HEADER
                        + String.join(
                                ",",
                                org.a1,
                                "安一",
                                "An Yi",
                                "",
                                "",
                                "employee",
                                "",
                                "not-an-email",
                                "2020-02-30",
                                "",
                                "no-such-flag")
                        + "\n"
                        + String.join(
                                ",",
                                org.a2 + "-bad",
                                "安二",
                                "An Er",
                                "",
                                "",
                                "employee",
                                "",
                                "",
                                "2020-02-01",
                                "2019-01-01",
                                "")
                        + "\n"));
        assertThat(values.toString())
                .contains(
                        "is not an e-mail address",
                        "is not a date",
                        "is not a flag of any scheme",
                        "is not a login id",
                        "不是有效的电子邮件地址",
                        "不是日期",
                        "不是任何考核方案的标记",
                        "不是有效的登录名");

        JsonNode admin = refused(Map.of("people", PEOPLE_HEADER + person(org.p + "root", "根", "Gen", "", "admin", "")));
        assertThat(error(admin, "role").path("reason").asText()).contains("只有管理员可以导入管理员", "only an administrator");

        // The file's structure: a missing required column, a cut row.
        JsonNode structure = refused(Map.of("people", "employee_id,name_zh\n" + org.a1 + ",安一\n"));
        assertThat(structure.toString()).contains("is a required column but is missing from the header");
    }

    @Test
    void aLeaverMayNotStrandTheirPeopleOrARunningReview() throws Exception {
        Org org = new Org();
        importOrg(org);
        String yesterday = LocalDate.now().minusDays(1).toString();

        // s1 leaves (active_to in the past) while a1 and a2 still report to s1.
        JsonNode supervises = refused(Map.of(
                "people",
                PEOPLE_HEADER + person(org.s1, "孙主管", "Sun Zhuguan", org.t1, "supervisor", org.h, yesterday)));
        assertThat(supervises.toString()).contains("still supervises active people", org.a1, "still heads unit");

        // b1 is the employee of a review that is still running: leaving would orphan it.
        String review = org.b1 + ":2026-01:cs-staff-monthly";
        jdbc.sql(
                        "insert into review.review (id, employee_id, period, scheme_id, scheme_version, status) values (?, ?, '2026-01', "
                                + "'cs-staff-monthly', 1, 'IN_REVIEW')")
                .params(review, org.b1)
                .update();
        jdbc.sql("insert into review.participant (review_id, role, user_id) values (?, 'self', ?)")
                .params(review, org.b1)
                .update();
        JsonNode orphan = refused(Map.of(
                "units",
                org.units(),
                "people",
                org.people().replace(person(org.b1, "白一", "Bai Yi", org.t2, "employee", org.s2), "")));
        JsonNode error = orphan.get(0);
        assertThat(error.path("file").asText()).isEqualTo("units.csv");
        assertThat(error.path("column").asText()).isEqualTo("unit_id");
        assertThat(error.path("reason").asText()).contains(org.b1, "running review", review);
    }

    @Test
    void onlyHrAndAdministratorsMayImport() throws Exception {
        Org org = new Org();
        Map<String, Long> before = counts();
        for (String user : List.of("lina", "wangjianguo", "zhangwei")) {
            ResponseEntity<String> answer = upload(user, false, Map.of("units", org.units(), "people", org.people()));
            assertThat(answer.getStatusCode().value()).as(user).isEqualTo(403);
        }
        assertThat(counts()).isEqualTo(before);
        assertThat(ok(upload("admin", true, Map.of("units", org.units(), "people", org.people())))
                        .path("dryRun")
                        .asBoolean())
                .isTrue();
    }
}
