package com.servicereview.org;

import static com.servicereview.org.Role.ADMIN;
import static com.servicereview.org.Role.DEPARTMENT_HEAD;
import static com.servicereview.org.Role.EMPLOYEE;
import static com.servicereview.org.Role.GENERAL_MANAGER;
import static com.servicereview.org.Role.HR;
import static com.servicereview.org.Role.SUPERVISOR;
import static com.servicereview.org.UnitKind.COMPANY;
import static com.servicereview.org.UnitKind.DEPARTMENT;
import static com.servicereview.org.UnitKind.TEAM;

import java.time.LocalDate;
import java.util.List;

/**
 * The sample organisation of demo mode: the head office 总公司 headed by the general manager 总经理,
 * the customer-service department 客户服务部 below it with two after-sales teams of six agents each,
 * their supervisors, the department head, one HR partner and one administrator. Everyone's password is {@value #PASSWORD}.
 */
final class DemoOrganisation {

    static final String PASSWORD = "demo";

    static final String COMPANY_ID = "hq";
    static final String GENERAL_MANAGER_ID = "liuzhiqiang";
    static final String DEPARTMENT_ID = "cs";
    private static final String TEAM_1 = "as1";
    private static final String TEAM_2 = "as2";
    static final String HEAD = "wangjianguo";
    private static final String SUPERVISOR_1 = "lina";
    private static final String SUPERVISOR_2 = "chengang";
    private static final String AGENT = "客服专员";

    /** Parents before children, so that every insert finds the unit it refers to. */
    static final List<OrgUnit> UNITS = List.of(
            new OrgUnit(COMPANY_ID, null, COMPANY, "总公司", "Head Office", GENERAL_MANAGER_ID),
            new OrgUnit(DEPARTMENT_ID, COMPANY_ID, DEPARTMENT, "客户服务部", "Customer Service Department", HEAD),
            new OrgUnit(TEAM_1, DEPARTMENT_ID, TEAM, "售后一组", "After-sales Team 1", SUPERVISOR_1),
            new OrgUnit(TEAM_2, DEPARTMENT_ID, TEAM, "售后二组", "After-sales Team 2", SUPERVISOR_2));

    /** Supervisors before their subordinates, so that every insert finds the supervisor it refers to. */
    static final List<DemoPerson> PEOPLE = List.of(
            person(
                    GENERAL_MANAGER_ID,
                    "刘志强",
                    "Zhiqiang",
                    "Liu",
                    COMPANY_ID,
                    "总经理",
                    GENERAL_MANAGER,
                    null,
                    "2008-06-02"),
            person(
                    HEAD,
                    "王建国",
                    "Jianguo",
                    "Wang",
                    DEPARTMENT_ID,
                    "客户服务部经理",
                    DEPARTMENT_HEAD,
                    GENERAL_MANAGER_ID,
                    "2012-03-05"),
            person(SUPERVISOR_1, "李娜", "Na", "Li", TEAM_1, "售后一组主管", SUPERVISOR, HEAD, "2015-07-13"),
            person(SUPERVISOR_2, "陈刚", "Gang", "Chen", TEAM_2, "售后二组主管", SUPERVISOR, HEAD, "2016-02-22"),
            person("zhangwei", "张伟", "Wei", "Zhang", TEAM_1, AGENT, EMPLOYEE, SUPERVISOR_1, "2019-04-01"),
            person("wangfang", "王芳", "Fang", "Wang", TEAM_1, AGENT, EMPLOYEE, SUPERVISOR_1, "2020-08-17"),
            person("liuyang", "刘洋", "Yang", "Liu", TEAM_1, AGENT, EMPLOYEE, SUPERVISOR_1, "2021-03-08"),
            person("chenjing", "陈静", "Jing", "Chen", TEAM_1, AGENT, EMPLOYEE, SUPERVISOR_1, "2021-11-15"),
            person("yangxiuying", "杨秀英", "Xiuying", "Yang", TEAM_1, AGENT, EMPLOYEE, SUPERVISOR_1, "2022-06-20"),
            person("huangqiang", "黄强", "Qiang", "Huang", TEAM_1, AGENT, EMPLOYEE, SUPERVISOR_1, "2023-09-04"),
            person("zhaolei", "赵磊", "Lei", "Zhao", TEAM_2, AGENT, EMPLOYEE, SUPERVISOR_2, "2018-10-09"),
            person("zhouting", "周婷", "Ting", "Zhou", TEAM_2, AGENT, EMPLOYEE, SUPERVISOR_2, "2020-01-06"),
            person("wuhao", "吴昊", "Hao", "Wu", TEAM_2, AGENT, EMPLOYEE, SUPERVISOR_2, "2021-05-24"),
            person("xulin", "徐琳", "Lin", "Xu", TEAM_2, AGENT, EMPLOYEE, SUPERVISOR_2, "2022-02-14"),
            person("sunjie", "孙杰", "Jie", "Sun", TEAM_2, AGENT, EMPLOYEE, SUPERVISOR_2, "2023-03-13"),
            person("mali", "马丽", "Li", "Ma", TEAM_2, AGENT, EMPLOYEE, SUPERVISOR_2, "2024-07-01"),
            // HR and IT sit outside the customer-service hierarchy.
            person("zhaomin", "赵敏", "Min", "Zhao", null, "人力资源业务伙伴", HR, null, "2017-05-02"),
            person("admin", "郭涛", "Tao", "Guo", null, "系统管理员", ADMIN, null, "2014-09-15"));

    /** 小组考核: colleagues of the other team rate a team's members (R1). */
    static final List<String[]> GROUP_REVIEWERS = List.of(
            new String[] {TEAM_1, SUPERVISOR_2}, new String[] {TEAM_1, "zhaolei"},
            new String[] {TEAM_2, SUPERVISOR_1}, new String[] {TEAM_2, "zhangwei"});

    private DemoOrganisation() {}

    private static DemoPerson person(
            String id,
            String nameZh,
            String givenName,
            String familyName,
            String orgUnitId,
            String jobTitle,
            Role role,
            String supervisorId,
            String hiredOn) {
        return new DemoPerson(
                id, nameZh, givenName, familyName, orgUnitId, jobTitle, role, supervisorId, LocalDate.parse(hiredOn));
    }
}
