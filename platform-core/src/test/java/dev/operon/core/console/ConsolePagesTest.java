package dev.operon.core.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.operon.core.testing.PostgresResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Plain HTTP tests of the console's pages: rendering, roles, CSRF on every form, escaping, message bundles. */
@QuarkusTest
class ConsolePagesTest {

    @Test
    void everyMainPageRendersForAnAdmin() {
        ConsoleClient admin = ConsoleClient.signInAdmin();
        long task = ConsoleClient.admin().contentType(ContentType.JSON)
                .body(Map.of("name", ConsoleClient.unique("pages"), "type", "core.noop"))
                .post("/api/v1/tasks").then().statusCode(201).extract().jsonPath().getLong("id");
        for (String path : List.of("/", "/tasks", "/tasks/new", "/tasks/new?type=core.http-call", "/tasks/" + task,
                "/tasks/" + task + "/edit", "/runs", "/audit", "/audit/1", "/audit/verify", "/plugins",
                "/plugins/test-kit", "/plugins/test-kit/panels/notes", "/plugins/core", "/models", "/nodes", "/operators",
                "/api-keys", "/events", "/profiles", "/tasks/schedule-preview?scheduleKind=cron&cron=0+0+12+*+*+%3F")) {
            Response page = admin.request().get(path);
            assertThat(page.statusCode()).as(path + ": " + page.body().asString()).isEqualTo(200);
            assertThat(page.body().asString()).as(path).doesNotContain("??").doesNotContain("NOT_FOUND");
        }
    }

    @Test
    void anEmptyPanelWidgetSaysWhatToDoNext() {
        String panel = ConsoleClient.signInAdmin().page("/plugins/test-kit/panels/notes");
        // the table declares its own hint; the chart falls back to the console's generic text
        assertThat(panel).contains("No notes by text yet: add one with the form below.");
        assertThat(panel).contains("class=\"empty\"");
    }

    @Test
    void chinesePagesLeaveNoTemplateWordInEnglish() {
        ConsoleClient admin = ConsoleClient.signInAdmin();
        for (String path : List.of("/plugins/test-kit", "/plugins/anomaly", "/audit", "/audit/1", "/api-keys")) {
            String page = admin.request().cookie("operon_lang", "zh-CN").get(path).then().statusCode(200).extract()
                    .body().asString();
            assertThat(page).as(path).contains("lang=\"zh-CN\"")
                    .doesNotContain(">id<").doesNotContain(">seq<").doesNotContain(">hash<")
                    .doesNotContain("(query, ").doesNotContain("(action, ")
                    .doesNotContain("(integer, ").doesNotContain("(string, ").doesNotContain("(duration, ")
                    .doesNotContain("(decimal, ").doesNotContain("(enum, ");
        }
    }

    @Test
    void twoTablesOnOnePanelPageAndSortApart() {
        ConsoleClient admin = ConsoleClient.signInAdmin();
        String page = admin.page("/plugins/test-kit/panels/two-tables?page0=2&sort1=n&dir1=desc");
        String first = section(page, "widget-0");
        String second = section(page, "widget-1");
        // the first table on its page 2 (21-40) in the query's order, the second on page 1 sorted 45 down to 26
        assertThat(first).contains("<td>21</td>").contains("<td>40</td>").doesNotContain("<td>20</td>")
                .contains("<span>2 / 3</span>");
        assertThat(second).contains("<td>45</td>").contains("<td>26</td>").doesNotContain("<td>25</td>")
                .contains("<span>1 / 3</span>");
        // each table's links change its own parameters and keep the other's
        assertThat(second).contains("href=\"?dir1=desc&amp;page0=2&amp;page1=2&amp;sort1=n\"");
        assertThat(first).contains("href=\"?dir1=desc&amp;page0=3&amp;sort1=n\"");
    }

    private static String section(String page, String id) {
        int start = page.indexOf("<section class=\"panel\" id=\"" + id + "\"");
        assertThat(start).as(id).isNotNegative();
        return page.substring(start, page.indexOf("</section>", start));
    }

    @Test
    void theDashboardSendsToTheAnomalyIncidentsWhenThatPluginIsActive() {
        String dashboard = ConsoleClient.signInAdmin().page("/");
        // not "incident detection arrives with the anomaly plugin" while it is there
        assertThat(dashboard).contains("id=\"incidents-elsewhere\"")
                .contains("href=\"/plugins/anomaly/panels/incidents\"")
                .doesNotContain("arrives with the anomaly plugin");
    }

    @Test
    void aViewerSeesNoEditButtonsAndIsRefusedOnDirectPosts() {
        long task = ConsoleClient.admin().contentType(ContentType.JSON)
                .body(Map.of("name", ConsoleClient.unique("viewer"), "type", "core.noop"))
                .post("/api/v1/tasks").then().statusCode(201).extract().jsonPath().getLong("id");
        ConsoleClient viewer = ConsoleClient.signInAs("viewer");
        String tasks = viewer.page("/tasks");
        assertThat(tasks).doesNotContain("id=\"new-task\"");
        String detail = viewer.page("/tasks/" + task);
        assertThat(detail).doesNotContain("id=\"edit-task\"").doesNotContain("id=\"run-now\"")
                .doesNotContain("id=\"delete-task\"");
        assertThat(viewer.post("/tasks/" + task + "/run", Map.of()).statusCode()).isEqualTo(403);
        assertThat(viewer.post("/tasks/" + task + "/delete", Map.of()).statusCode()).isEqualTo(403);
        assertThat(viewer.post("/tasks", Map.of("name", "x", "type", "core.noop")).statusCode()).isEqualTo(403);
        assertThat(viewer.request().get("/operators").statusCode()).isEqualTo(403);
        assertThat(viewer.post("/api-keys", Map.of("name", "x", "scopes", "read")).statusCode()).isEqualTo(403);
        assertThat(viewer.page("/").contains("href=\"/operators\"")).isFalse();
    }

    @Test
    void everyConsolePostRefusesARequestWithoutTheCsrfToken() throws Exception {
        ConsoleClient admin = ConsoleClient.signInAdmin();
        List<String> accepted = new ArrayList<>();
        for (Class<?> resource : List.of(TaskPages.class, RunPages.class, PluginPages.class, ModelPages.class,
                AdminPages.class, SessionResource.class, DemoPages.class)) {
            String base = resource.getAnnotation(Path.class).value();
            for (Method method : resource.getDeclaredMethods()) {
                if (!method.isAnnotationPresent(POST.class) || method.getName().equals("signIn")) {
                    continue;
                }
                Path sub = method.getAnnotation(Path.class);
                String path = (base.endsWith("/") ? base : base + "/") + (sub == null ? "" : sub.value());
                path = path.replaceAll("\\{[^}]+}", "1").replaceAll("/+$", "");
                Response response = admin.request().contentType(ContentType.URLENC).formParam("name", "x")
                        .post(path.isEmpty() ? "/" : path);
                if (response.statusCode() != 403) {
                    accepted.add(path + " -> " + response.statusCode());
                }
            }
        }
        assertThat(accepted).isEmpty();
    }

    @Test
    void aTaskCreatedFromTheFormIsAuditedAsTheOperator() {
        String name = ConsoleClient.operator("operator");
        ConsoleClient operator = ConsoleClient.signIn(name, ConsoleClient.PASSWORD);
        String taskName = ConsoleClient.unique("form");
        Response created = operator.post("/tasks", Map.of("type", "core.sleep", "name", taskName,
                "p.seconds", "0.1", "scheduleKind", "manual", "enabled", "true"));
        assertThat(created.statusCode()).as(created.body().asString()).isEqualTo(303);
        long id = Long.parseLong(created.header("Location").replaceAll(".*/tasks/", ""));
        var record = ConsoleClient.admin().get("/api/v1/audit?action=task.create&target=task:" + id)
                .then().statusCode(200).extract().jsonPath();
        assertThat(record.getString("items[0].actorId")).isEqualTo(name);
        assertThat(record.getString("items[0].actorType")).isEqualTo("operator");
        assertThat(record.getDouble("items[0].after.params.seconds")).isEqualTo(0.1);
    }

    @Test
    void aRefusedTaskFormNamesEachFieldByItsLabel() {
        ConsoleClient operator = ConsoleClient.signIn(ConsoleClient.operator("operator"), ConsoleClient.PASSWORD);
        Response badParameter = operator.post("/tasks", Map.of("type", "core.sleep", "name",
                ConsoleClient.unique("labels"), "p.seconds", "soon", "scheduleKind", "manual"));
        assertThat(badParameter.statusCode()).isEqualTo(422);
        assertThat(badParameter.body().asString()).contains("<li>Seconds: must be a number</li>")
                .doesNotContain("params.seconds");
        Response badPolicy = operator.post("/tasks", Map.of("type", "core.sleep", "name", ConsoleClient.unique("labels"),
                "p.seconds", "1", "scheduleKind", "manual", "maxRetries", "500"));
        assertThat(badPolicy.body().asString()).contains("<li>Retries: must be less than or equal to 100</li>");
        Response noCron = operator.postIn("zh-CN", "/tasks", Map.of("type", "core.sleep", "name",
                ConsoleClient.unique("labels"), "p.seconds", "1", "scheduleKind", "cron"));
        assertThat(noCron.statusCode()).isEqualTo(422);
        assertThat(noCron.body().asString()).contains("<li>Cron 表达式: ").doesNotContain("<code>schedule.cron</code>");
    }

    @Test
    void savingThePluginConfigFormChangesOnlyWhatTheAdminChanged() {
        ConsoleClient admin = ConsoleClient.signInAdmin();
        String page = admin.page("/plugins/test-kit");
        Map<String, String> form = new java.util.LinkedHashMap<>();
        java.util.regex.Matcher field = java.util.regex.Pattern
                .compile("<input type=\"(?:text|hidden)\" (?:id=\"[^\"]*\" )?name=\"((?:cfg|shown)\\.[^\"]+)\" "
                        + "value=\"([^\"]*)\"").matcher(page);
        while (field.find()) {
            form.put(field.group(1), field.group(2).replace("&amp;", "&").replace("&quot;", "\""));
        }
        assertThat(form).containsKeys("cfg.mode", "shown.mode", "cfg.greeting", "cfg.page-size");
        try {
            form.put("cfg.page-size", "33");
            Response saved = admin.post("/plugins/test-kit/config", form);
            assertThat(saved.statusCode()).as(saved.body().asString()).isEqualTo(303);
            var config = ConsoleClient.admin().get("/api/v1/plugins/test-kit/config").then().statusCode(200)
                    .extract().jsonPath();
            assertThat(config.getString("find { it.key == 'page-size' }.source")).isEqualTo("admin");
            assertThat(config.getString("find { it.key == 'page-size' }.value")).isEqualTo("33");
            assertThat(config.getString("find { it.key == 'mode' }.source")).isEqualTo("default");
            assertThat(config.getString("find { it.key == 'greeting' }.source")).isEqualTo("platform");
        } finally {
            Map<String, Object> reset = new java.util.HashMap<>();
            reset.put("page-size", null);
            ConsoleClient.admin().contentType(ContentType.JSON).body(reset).put("/api/v1/plugins/test-kit/config")
                    .then().statusCode(200);
        }
    }

    @Test
    void aPanelFormsAnswerIsLaidOutAsFactsWithItsJsonBehind() {
        ConsoleClient admin = ConsoleClient.signInAdmin();
        String text = ConsoleClient.unique("laid-out");
        Response added = admin.post("/plugins/test-kit/panels/notes/forms/3", Map.of("in.text", text,
                "in.priority", "2"));
        assertThat(added.statusCode()).as(added.body().asString()).isEqualTo(200);
        String page = added.body().asString();
        assertThat(page).contains("<dt>Text</dt><dd>" + text + "</dd>").contains("<dt>Created by</dt>")
                .contains("<summary>JSON</summary>").contains("&quot;text&quot; : &quot;" + text + "&quot;");
    }

    @Test
    void aQueryFormIsSentWithGetSoItsAnswerHasAnAddress() {
        ConsoleClient admin = ConsoleClient.signInAdmin();
        String page = admin.page("/plugins/test-kit/panels/notes");
        assertThat(page).contains("<form method=\"get\" action=\"/plugins/test-kit/panels/notes#widget-5\">")
                .contains("<form method=\"post\" action=\"/plugins/test-kit/panels/notes/forms/3\"");
        String queryForm = page.substring(page.indexOf("<form method=\"get\""));
        assertThat(queryForm.substring(0, queryForm.indexOf("</form>"))).as("no CSRF token in an address")
                .doesNotContain("_csrf").contains("id=\"w5-in.prefix\"");

        String prefix = ConsoleClient.unique("q");
        Response answered = admin.request().get("/plugins/test-kit/panels/notes?form=5&in.prefix=" + prefix);
        assertThat(answered.statusCode()).as(answered.body().asString()).isEqualTo(200);
        assertThat(answered.body().asString()).contains("<dt>Count</dt><dd>0</dd>")
                .contains("value=\"" + prefix + "\"").doesNotContain("data-replace-address");

        Response tooLong = admin.request().get("/plugins/test-kit/panels/notes?form=5&in.prefix=" + "x".repeat(21));
        assertThat(tooLong.statusCode()).isEqualTo(422);
        assertThat(tooLong.body().asString()).contains("Prefix: size must be between 0 and 20")
                .contains("value=\"" + "x".repeat(21) + "\"");
    }

    @Test
    void anActionFormCannotBeSentWithGetAndItsAnswerReplacesItsAddress() {
        ConsoleClient admin = ConsoleClient.signInAdmin();
        long notes = ConsoleClient.admin().contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/plugins/test-kit/operations/count-notes").then().statusCode(200).extract().jsonPath()
                .getLong("count");
        Response viaGet = admin.request().get("/plugins/test-kit/panels/notes?form=3&in.text=by-get&in.priority=2");
        assertThat(viaGet.statusCode()).isEqualTo(400);
        assertThat(viaGet.body().asString()).contains("form 3 of panel &#39;notes&#39; acts: it is sent with POST");
        assertThat(admin.request().get("/plugins/test-kit/panels/notes?form=abc").statusCode()).isEqualTo(400);
        assertThat(admin.request().get("/plugins/test-kit/panels/notes?form=4").statusCode()).isEqualTo(404);
        assertThat(ConsoleClient.admin().contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/plugins/test-kit/operations/count-notes").then().extract().jsonPath()
                .getLong("count")).isEqualTo(notes);

        Response added = admin.post("/plugins/test-kit/panels/notes/forms/3", Map.of("in.text",
                ConsoleClient.unique("posted"), "in.priority", "2"));
        assertThat(added.statusCode()).isEqualTo(200);
        assertThat(added.body().asString()).contains("data-replace-address=\"/plugins/test-kit/panels/notes\"");
    }

    @Test
    void aChineseConsoleWordsAFormsErrorsAndAnswerInChineseWhileTheApiStaysEnglish() {
        ConsoleClient admin = ConsoleClient.signInAdmin();
        Response refused = admin.postIn("zh-CN", "/plugins/test-kit/panels/notes/forms/3", Map.of("in.text", " ",
                "in.priority", "9"));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body().asString()).contains("输入无效: 优先级: 最大不能超过5; 内容: 不能为空");
        Response wrongType = admin.postIn("zh-CN", "/plugins/test-kit/panels/notes/forms/3", Map.of("in.text", "x",
                "in.priority", "2.5"));
        assertThat(wrongType.body().asString()).contains("输入无效: 优先级: 必须是整数");
        String text = ConsoleClient.unique("zh");
        Response added = admin.postIn("zh-CN", "/plugins/test-kit/panels/notes/forms/3", Map.of("in.text", text,
                "in.priority", "2"));
        assertThat(added.body().asString()).contains("<dt>内容</dt><dd>" + text + "</dd>").contains("<dt>创建人</dt>");

        ConsoleClient.admin().header("Accept-Language", "zh-CN").contentType(ContentType.JSON)
                .body(Map.of("text", " ", "priority", 9)).post("/api/v1/plugins/test-kit/operations/add-note")
                .then().statusCode(422)
                .body("errors.find { it.field == 'priority' }.message", org.hamcrest.Matchers.equalTo(
                        "must be less than or equal to 5"));
    }

    @Test
    void aRefusedPanelFormSaysEachFieldsErrorOnceAndKeepsNothing() {
        ConsoleClient admin = ConsoleClient.signInAdmin();
        long notes = ConsoleClient.admin().contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/plugins/test-kit/operations/count-notes").then().statusCode(200).extract().jsonPath()
                .getLong("count");
        Response refused = admin.post("/plugins/test-kit/panels/notes/forms/3", Map.of("in.text", " ",
                "in.priority", "9", "in.password", "hunter2-typed"));
        assertThat(refused.statusCode()).isEqualTo(422);
        String page = refused.body().asString();
        assertThat(page).as("what was typed is shown again to be fixed").contains("value=\"9\"")
                .doesNotContain("hunter2-typed");
        assertThat(page).contains("Invalid input: Priority: must be less than or equal to 5; Text: must not be blank");
        assertThat(page.split("must not be blank", -1)).hasSize(2);
        Response wrongType = admin.post("/plugins/test-kit/panels/notes/forms/3", Map.of("in.text", "x",
                "in.priority", "2.5"));
        assertThat(wrongType.body().asString()).contains("Priority: must be a whole number");
        assertThat(ConsoleClient.admin().contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/plugins/test-kit/operations/count-notes").then().extract().jsonPath()
                .getLong("count")).isEqualTo(notes);
    }

    @Test
    void auditTimesAreWrittenLikeEveryOtherTime() {
        String page = ConsoleClient.signInAdmin().page("/audit");
        assertThat(page).containsPattern("<td title=\"[0-9T:.\\-]+Z\">\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} UTC</td>");
    }

    @Test
    void aRunsFilterOnAnUnknownTaskMatchesNoRun() {
        String page = ConsoleClient.signInAdmin().page("/runs?task=" + ConsoleClient.unique("no-such-task"));
        assertThat(page).contains("No run matches");
    }

    @Test
    void outputIsEscaped() {
        ConsoleClient admin = ConsoleClient.signInAdmin();
        String attack = "<script>alert('x')</script><img src=x onerror=alert(1)>";
        long task = ConsoleClient.admin().contentType(ContentType.JSON)
                .body(Map.of("name", ConsoleClient.unique("xss"), "type", "core.noop", "description", attack))
                .post("/api/v1/tasks").then().statusCode(201).extract().jsonPath().getLong("id");
        assertThat(admin.page("/tasks/" + task)).doesNotContain(attack).contains("&lt;script&gt;");
        assertThat(admin.page("/tasks")).doesNotContain("<script>alert").doesNotContain("<img src=x");
        // a name the API refuses comes back in the form, escaped
        Response refused = admin.post("/tasks", Map.of("type", "core.noop", "name", "\"><script>alert(2)</script>"));
        assertThat(refused.statusCode()).isEqualTo(422);
        assertThat(refused.body().asString()).doesNotContain("<script>alert(2)").contains("&lt;script&gt;")
                .contains("letters, digits");
    }

    @Test
    void aCountOfOneTakesTheSingular() {
        Map<String, String> english = I18n.load("messages_en.properties");
        assertThat(Page.format(english.get("dashboard.tasksTotal"), 1)).isEqualTo("1 task in all");
        assertThat(Page.format(english.get("dashboard.tasksTotal"), 0)).isEqualTo("0 tasks in all");
        assertThat(Page.format(english.get("dashboard.tasksTotal"), 1234)).isEqualTo("1,234 tasks in all");
        assertThat(Page.format(english.get("panels.moreRows"), 1)).isEqualTo("1 more row in the JSON below.");
        assertThat(Page.format(english.get("audit.intact"), 1)).startsWith("Intact: 1 record checked");
        assertThat(Page.format(english.get("nodes.gpuWaiting"), 2)).startsWith("2 GPU runs wait for a node");
        assertThat(Page.format(I18n.load("messages_zh_CN.properties").get("dashboard.tasksTotal"), 1))
                .isEqualTo("共 1 个任务");
    }

    @Test
    void bothLanguagesHaveTheSameMessages() {
        assertThat(I18n.load("messages_zh_CN.properties").keySet())
                .containsExactlyInAnyOrderElementsOf(I18n.load("messages_en.properties").keySet());
        ConsoleClient admin = ConsoleClient.signInAdmin();
        String chinese = admin.request().cookie("operon_lang", "zh-CN").get("/tasks").then().statusCode(200)
                .extract().body().asString();
        assertThat(chinese).contains("lang=\"zh-CN\"").contains("任务").contains("退出登录");
    }

    @Test
    void aPluginPanelIsShownInThePluginsOwnTranslation() {
        ConsoleClient admin = ConsoleClient.signInAdmin();
        String chinese = admin.request().cookie("operon_lang", "zh-CN").get("/plugins/test-kit/panels/notes")
                .then().statusCode(200).extract().body().asString();
        assertThat(chinese).contains("<h1>笔记</h1>").contains("按内容").contains("还没有笔记：请用下面的表单添加一条。")
                .contains("添加笔记").contains("<strong>测试</strong>").as("the form's field, labelled by the plugin")
                .contains(">内容 *</label>")
                .as("no translation: the declared English").contains("Over time");
        String list = admin.request().cookie("operon_lang", "zh-CN").get("/plugins/test-kit").then().statusCode(200)
                .extract().body().asString();
        assertThat(list).contains(">笔记</a>");
        String taskForm = admin.request().cookie("operon_lang", "zh-CN").get("/tasks/new?type=test-kit.series")
                .then().statusCode(200).extract().body().asString();
        assertThat(taskForm).as("a task parameter, labelled by the plugin that declares the type").contains(">点数");
        String english = admin.page("/plugins/test-kit/panels/notes");
        assertThat(english).contains("<h1>Notes</h1>").contains("By text").contains(">Text *</label>")
                .doesNotContain("笔记");
    }

    @Test
    void aSkippedRunShowsAsSkippedApartFromFailures() {
        long run = api().contentType(ContentType.JSON)
                .body(Map.of("type", "core.sleep", "params", Map.of("seconds", 0, "skip", true)))
                .post("/api/v1/runs").then().statusCode(201).extract().jsonPath().getLong("id");
        await().atMost(Duration.ofSeconds(20)).until(() -> "skipped".equals(
                api().get("/api/v1/runs/" + run).then().extract().jsonPath().getString("state")));
        ConsoleClient admin = ConsoleClient.signInAdmin();
        assertThat(admin.page("/runs/" + run)).contains("badge state-skipped").contains("skipped as asked");
        assertThat(admin.page("/runs?state=skipped")).contains("href=\"/runs/" + run + "\"");
        assertThat(admin.page("/runs?state=failed")).doesNotContain("href=\"/runs/" + run + "\"");
        String chinese = admin.request().cookie("operon_lang", "zh-CN").get("/runs/" + run).then().statusCode(200)
                .extract().body().asString();
        assertThat(chinese).contains("已跳过");
    }

    private static RequestSpecification api() {
        return RestAssured.given().auth().preemptive().basic("admin", PostgresResource.ADMIN_PASSWORD);
    }
}
