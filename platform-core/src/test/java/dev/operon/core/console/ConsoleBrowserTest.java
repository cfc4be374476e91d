package dev.operon.core.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.operon.core.testing.PostgresResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real headless Chromium (Debian's chromium and chromium-driver), one browser for the class:
 * sign in, create a task from its form, run it and watch the progress reach 100%, find its audit record, switch to
 * Chinese; as a viewer, no edit buttons and a 403 on a direct POST; escaped output. Screenshots of the main pages go
 * to {@code target/screenshots/}.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {

    private static final Path SHOTS = Path.of("target", "screenshots");
    private static final String BROWSER_ZONE = "Asia/Shanghai";

    @TestHTTPResource("/")
    URL base;

    private WebDriver browser;
    private Path profile;

    @BeforeAll
    void startBrowser() throws IOException {
        String chromium = System.getProperty("operon.chromium", "/usr/bin/chromium");
        String driver = System.getProperty("operon.chromedriver", "/usr/bin/chromedriver");
        assertThat(Path.of(chromium)).as("install chromium and chromium-driver (.ci/run does)").exists();
        profile = Files.createTempDirectory("operon-chromium");
        ChromeOptions options = new ChromeOptions().setBinary(chromium).addArguments("--headless=new",
                "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--disable-sync", "--window-size=1280,900",
                "--user-data-dir=" + profile);
        // a browser away from UTC, as most operators' are: the console must still state its times in UTC
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(Path.of(driver).toFile())
                .withEnvironment(Map.of("TZ", BROWSER_ZONE)).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().implicitlyWait(Duration.ofSeconds(2));
        Files.createDirectories(SHOTS);
    }

    @AfterAll
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    private void open(String path) {
        browser.get(base.toString().replaceAll("/$", "") + path);
    }

    private void shot(String name) throws IOException {
        byte[] png = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(SHOTS.resolve(name + ".png"), png);
    }

    private void signIn(String user, String password) {
        browser.manage().deleteAllCookies();
        open("/login");
        browser.findElement(By.id("username")).sendKeys(user);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.id("sign-in")).click();
        wait(Duration.ofSeconds(10)).until(d -> d.findElements(By.id("sign-out")).size() == 1);
    }

    private WebDriverWait wait(Duration within) {
        return new WebDriverWait(browser, within);
    }

    @Test
    @Order(1)
    void anOperatorCreatesATaskRunsItAndFindsItsAuditRecord() throws IOException {
        String operator = ConsoleClient.operator("operator");
        browser.manage().window().setSize(new Dimension(1280, 900));
        open("/login");
        shot("01-sign-in");
        signIn(operator, ConsoleClient.PASSWORD);
        shot("02-dashboard");

        open("/tasks");
        browser.findElement(By.id("new-task")).click();
        new Select(browser.findElement(By.id("type"))).selectByValue("core.sleep");
        String name = ConsoleClient.unique("browser");
        browser.findElement(By.id("name")).sendKeys(name);
        browser.findElement(By.id("description")).sendKeys("made in Chromium");
        browser.findElement(By.id("p.seconds")).clear();
        browser.findElement(By.id("p.seconds")).sendKeys("2");
        new Select(browser.findElement(By.id("scheduleKind"))).selectByValue("cron");
        browser.findElement(By.id("cron")).sendKeys("0 0 12 * * ?", org.openqa.selenium.Keys.TAB);
        wait(Duration.ofSeconds(10)).until(d -> d.findElements(By.cssSelector("#fire-times li")).size() == 5);
        shot("03-task-form");
        browser.findElement(By.id("save-task")).click();
        assertThat(browser.findElement(By.id("task-name")).getText()).isEqualTo(name);
        String taskUrl = browser.getCurrentUrl();
        long taskId = Long.parseLong(taskUrl.replaceAll(".*/tasks/", ""));
        shot("04-task");

        browser.findElement(By.id("run-now")).click();
        wait(Duration.ofSeconds(60)).until(d -> "succeeded".equals(
                d.findElement(By.id("run-live")).getAttribute("data-finished")));
        assertThat(browser.findElement(By.id("run-progress")).getAttribute("value")).isEqualTo("100");
        assertThat(browser.findElement(By.id("run-log")).getText()).contains("sleeping 2.0 s");
        assertThat(browser.findElement(By.id("run-state")).getText()).isEqualTo("succeeded");
        // the facts follow the run without a reload: the node that ran it, when it started and finished
        wait(Duration.ofSeconds(10)).until(d -> d.findElement(By.cssSelector("#run-facts dd:nth-of-type(8)"))
                .getText().matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} UTC"));
        assertThat(browser.findElement(By.cssSelector("#run-facts dd:nth-of-type(5)")).getText()).isNotEqualTo("—");
        assertThat(browser.findElement(By.cssSelector("#run-facts dd:nth-of-type(7)")).getText()).endsWith("UTC");
        shot("05-run");

        open("/runs");
        shot("06-runs");
        open("/audit?action=task.create&target=task:" + taskId);
        browser.findElement(By.cssSelector("#audit-table tbody a")).click();
        assertThat(browser.findElement(By.id("audit-action")).getText()).isEqualTo("task.create");
        assertThat(browser.findElement(By.id("audit-diff")).getText()).contains(name);
        shot("07-audit-record");
        open("/audit");
        shot("08-audit");

        browser.findElement(By.id("lang-zh")).click();
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("zh-CN");
        assertThat(browser.findElement(By.cssSelector("nav")).getText()).contains("任务").contains("运行");
        open(taskUrl.replace(base.toString().replaceAll("/$", ""), ""));
        assertThat(browser.findElement(By.id("run-now")).getText()).isEqualTo("立即运行");
        shot("09-task-zh");
        browser.findElement(By.id("lang-en")).click();
    }

    @Test
    @Order(2)
    void anAdminSeesEveryPageAndPluginPanels() throws IOException {
        signIn("admin", PostgresResource.ADMIN_PASSWORD);
        browser.manage().window().setSize(new Dimension(1920, 1080));
        for (Map.Entry<String, String> page : List.of(Map.entry("/plugins", "10-plugins"),
                Map.entry("/plugins/test-kit", "11-plugin"), Map.entry("/plugins/test-kit/panels/notes", "12-panel"),
                Map.entry("/models", "13-models"), Map.entry("/operators", "14-operators"),
                Map.entry("/api-keys", "15-api-keys"), Map.entry("/", "16-dashboard-1920"))) {
            open(page.getKey());
            assertThat(browser.findElement(By.tagName("h1")).getText()).isNotBlank();
            shot(page.getValue());
        }
        open("/audit");
        browser.findElement(By.id("verify-chain")).click();
        wait(Duration.ofSeconds(30)).until(d -> !d.findElements(By.id("chain-result")).isEmpty());
        shot("17-audit-verified");
        // dark theme via the toggle, remembered across pages
        browser.findElement(By.id("theme-toggle")).click();
        open("/tasks");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("data-theme")).isEqualTo("dark");
        shot("18-tasks-dark");
        browser.findElement(By.id("theme-toggle")).click();
        browser.manage().window().setSize(new Dimension(1280, 900));
    }

    @Test
    @Order(3)
    void aViewerFindsNoEditButtonsAndIsRefusedOnADirectPost() throws IOException {
        String attack = "<img src=x onerror=\"document.title='pwned'\">";
        long task = ConsoleClient.admin().contentType(ContentType.JSON)
                .body(Map.of("name", ConsoleClient.unique("viewer"), "type", "core.noop", "description", attack))
                .post("/api/v1/tasks").then().statusCode(201).extract().jsonPath().getLong("id");
        signIn(ConsoleClient.operator("viewer"), ConsoleClient.PASSWORD);
        open("/tasks/" + task);
        assertThat(browser.findElements(By.id("edit-task"))).isEmpty();
        assertThat(browser.findElements(By.id("run-now"))).isEmpty();
        assertThat(browser.findElements(By.id("delete-task"))).isEmpty();
        assertThat(browser.findElement(By.id("task-description")).getText()).isEqualTo(attack);
        assertThat(browser.getTitle()).doesNotContain("pwned");
        shot("19-viewer-task");
        Object status = ((JavascriptExecutor) browser).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "const token = document.querySelector('meta[name=\"csrf-token\"]').content;"
                        + "fetch('/tasks/" + task + "/run', {method: 'POST', redirect: 'manual',"
                        + " body: new URLSearchParams({_csrf: token})}).then(r => done(r.status));");
        assertThat(((Number) status).intValue()).isEqualTo(403);
        open("/tasks");
        assertThat(browser.findElements(By.id("new-task"))).isEmpty();
    }
    @Test
    @Order(4)
    void anEventPropertyIsShownAsTextAndNoScriptRuns() throws IOException {
        String key = ConsoleEventPagesTest.newSource();
        String user = ConsoleClient.unique("browser-xss");
        String script = "<script>document.title='pwned'</script>";
        String image = "<img src=x onerror=\"document.title='pwned'\">";
        ConsoleEventPagesTest.track(key, user, "Review Posted", Map.of("title", script, "body", image),
                "2026-11-21T09:30:00Z");
        signIn(ConsoleClient.operator("viewer"), ConsoleClient.PASSWORD);
        browser.manage().window().setSize(new Dimension(1280, 900));
        open("/events?userId=" + user);
        shot("20-events");
        browser.findElement(By.cssSelector("#events-table tbody a")).click();
        String properties = browser.findElement(By.id("event-properties")).getText();
        assertThat(properties).contains(script).contains("<img src=x onerror=");
        assertThat(browser.findElements(By.cssSelector("main img"))).isEmpty();
        assertThat(browser.findElements(By.cssSelector("main script"))).isEmpty();
        assertThat(browser.getTitle()).doesNotContain("pwned");
        shot("21-event");
        browser.findElement(By.id("lang-zh")).click();
        assertThat(browser.findElement(By.cssSelector("nav")).getText()).contains("事件");
        assertThat(browser.findElement(By.id("event-properties")).getText()).contains(script);
        assertThat(browser.getTitle()).doesNotContain("pwned");
        shot("22-event-zh");
        open("/events");
        shot("23-events-zh");
        browser.findElement(By.id("lang-en")).click();
    }

    @Test
    @Order(5)
    void theStateTimelineOfARunGrowsWithoutAReload() throws IOException {
        long task = ConsoleClient.admin().contentType(ContentType.JSON)
                .body(Map.of("name", ConsoleClient.unique("timeline"), "type", "core.sleep",
                        "params", Map.of("seconds", 3)))
                .post("/api/v1/tasks").then().statusCode(201).extract().jsonPath().getLong("id");
        signIn(ConsoleClient.operator("viewer"), ConsoleClient.PASSWORD);
        long run = ConsoleClient.admin().contentType(ContentType.JSON).body(Map.of())
                .post("/api/v1/tasks/" + task + "/runs").then().statusCode(201).extract().jsonPath().getLong("id");
        open("/runs/" + run);
        // a marker on the document: a reload would drop it
        ((JavascriptExecutor) browser).executeScript("document.body.setAttribute('data-marker', 'same-page')");
        int before = browser.findElements(By.cssSelector("#run-timeline li")).size();
        assertThat(browser.findElement(By.id("run-timeline")).getText()).doesNotContain("succeeded");
        wait(Duration.ofSeconds(60)).until(d -> "succeeded".equals(
                d.findElement(By.id("run-live")).getAttribute("data-finished")));
        wait(Duration.ofSeconds(5)).until(d -> d.findElement(By.id("run-timeline")).getText().contains("succeeded"));
        List<org.openqa.selenium.WebElement> rows = browser.findElements(By.cssSelector("#run-timeline li"));
        assertThat(rows.size()).isGreaterThan(before);
        assertThat(rows.get(rows.size() - 1).getText()).contains("succeeded");
        // the rows are the page's own (refreshed in place when the state changed), times as on every page
        wait(Duration.ofSeconds(5)).until(d -> d.findElements(By.cssSelector("#run-timeline li")).stream()
                .allMatch(row -> row.getText().contains(" UTC")));
        assertThat(browser.findElement(By.tagName("body")).getAttribute("data-marker")).isEqualTo("same-page");
        shot("24-run-timeline");
    }

    @jakarta.inject.Inject
    dev.operon.core.db.Jdbc jdbc;

    @Test
    @Order(6)
    void theNodesPageShowsANodeThatJoinsWithoutAReload() throws IOException {
        signIn(ConsoleClient.operator("viewer"), ConsoleClient.PASSWORD);
        open("/nodes");
        assertThat(browser.findElements(By.cssSelector("#nodes-table tbody tr"))).isNotEmpty();
        assertThat(browser.findElement(By.id("nodes-table")).getText()).contains("alive").contains("this node");
        ((JavascriptExecutor) browser).executeScript("document.body.setAttribute('data-marker', 'same-page')");
        String joined = "browser-node-" + System.nanoTime();
        jdbc.update("insert into node (id, host, roles, started_at, heartbeat_at) values (?, 'gpu-box', 'worker,gpu',"
                + " now(), now())", joined);
        try {
            wait(Duration.ofSeconds(15)).until(d -> !d.findElements(
                    By.cssSelector("#nodes-table tr[data-node='" + joined + "']")).isEmpty());
            assertThat(browser.findElement(By.cssSelector("#nodes-table tr[data-node='" + joined + "']")).getText())
                    .contains("gpu-box").contains("GPU").contains("alive");
            assertThat(browser.findElement(By.tagName("body")).getAttribute("data-marker")).isEqualTo("same-page");
            shot("25-nodes");
        } finally {
            jdbc.update("delete from node where id = ?", joined);
        }
    }

    @Test
    @Order(7)
    void aPhoneSizedWindowNeedsNoSidewaysScrolling() throws IOException {
        signIn("admin", PostgresResource.ADMIN_PASSWORD);
        browser.manage().window().setSize(new Dimension(390, 844));
        try {
            for (String path : List.of("/", "/tasks", "/runs", "/events", "/profiles", "/audit", "/plugins",
                    "/plugins/test-kit", "/plugins/test-kit/panels/notes", "/models", "/nodes", "/operators",
                    "/api-keys")) {
                open(path);
                long page = ((Number) ((JavascriptExecutor) browser).executeScript(
                        "return document.documentElement.scrollWidth")).longValue();
                long screen = ((Number) ((JavascriptExecutor) browser).executeScript(
                        "return document.documentElement.clientWidth")).longValue();
                assertThat(page).as(path + " is wider than the screen").isLessThanOrEqualTo(screen);
                for (org.openqa.selenium.WebElement link : browser.findElements(By.cssSelector("header nav a"))) {
                    assertThat(link.getRect().getX() + link.getRect().getWidth()).as(path + " nav " + link.getText())
                            .isLessThanOrEqualTo((int) screen);
                }
            }
            open("/runs");
            shot("26-runs-phone");
            open("/plugins/test-kit/panels/notes");
            shot("27-panel-phone");
        } finally {
            browser.manage().window().setSize(new Dimension(1280, 900));
        }
    }

    @Test
    @Order(8)
    void chartsStateTheirTimesInUtcWhateverTheBrowsersZone() throws IOException {
        signIn(ConsoleClient.operator("viewer"), ConsoleClient.PASSWORD);
        open("/");
        JavascriptExecutor js = (JavascriptExecutor) browser;
        assertThat(((Number) js.executeScript("return new Date(0).getTimezoneOffset()")).intValue())
                .as("the browser runs in " + BROWSER_ZONE).isNotZero();
        long at = java.time.Instant.parse("2026-11-20T10:00:00Z").getEpochSecond();
        // a chart as the pages write it, drawn by console.js as after an htmx swap
        js.executeScript("const box = document.createElement('section'); box.id = 'utc-chart-box';"
                + "const chart = document.createElement('div'); chart.className = 'chart'; chart.id = 'utc-chart';"
                + "chart.setAttribute('data-chart', JSON.stringify({x: [" + at + ", " + (at + 3600) + "], time: true,"
                + " series: [{label: 'runs', values: [3, 5]}]}));"
                + "box.appendChild(chart); document.getElementById('main').appendChild(box);"
                + "document.dispatchEvent(new CustomEvent('htmx:afterSwap', {detail: {target: box}}));");
        wait(Duration.ofSeconds(10)).until(d -> !d.findElements(By.cssSelector("#utc-chart .u-over")).isEmpty());
        org.openqa.selenium.WebElement over = browser.findElement(By.cssSelector("#utc-chart .u-over"));
        new org.openqa.selenium.interactions.Actions(browser)
                .moveToElement(over, -over.getRect().getWidth() / 2 + 2, 0).perform();
        org.openqa.selenium.WebElement time = browser.findElement(
                By.cssSelector("#utc-chart .u-legend .u-series:first-child"));
        wait(Duration.ofSeconds(5)).until(d -> time.getText().contains("2026-11-20 10:00 UTC"));
        assertThat(time.getText()).contains("Time (UTC)");
        shot("28-chart-utc");
    }

    @Test
    @Order(9)
    void aReloadAfterAPanelFormShowsThePanelAndSendsNothingTwice() throws IOException {
        signIn("admin", PostgresResource.ADMIN_PASSWORD);
        open("/plugins/test-kit/panels/notes");
        String text = ConsoleClient.unique("once");
        browser.findElement(By.id("w3-in.text")).sendKeys(text);
        browser.findElement(By.id("w3-in.priority")).sendKeys("2");
        browser.findElement(By.cssSelector("#widget-3 button[type=submit]")).click();
        wait(Duration.ofSeconds(10)).until(d -> d.findElement(By.id("widget-3")).getText().contains(text));
        assertThat(browser.getCurrentUrl()).endsWith("/plugins/test-kit/panels/notes");
        browser.navigate().refresh();
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Notes");
        assertThat(browser.findElement(By.id("widget-3")).getText()).doesNotContain(text);
        assertThat(notesSaying(text)).as("the reload sent the form again").isEqualTo(1);

        // a query form's answer has an address: reloading it asks again, and the address can be kept
        browser.findElement(By.id("w5-in.prefix")).sendKeys(text);
        browser.findElement(By.cssSelector("#widget-5 button[type=submit]")).click();
        wait(Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("form=5"));
        assertThat(browser.getCurrentUrl()).contains("in.prefix=" + text).endsWith("#widget-5");
        assertThat(browser.findElement(By.cssSelector("#widget-5 dl")).getText()).contains("Count").contains("1");
        browser.navigate().refresh();
        assertThat(browser.findElement(By.cssSelector("#widget-5 dl")).getText()).contains("1");
        shot("29-panel-query-answer");
    }

    @Test
    @Order(10)
    void anAdminsHeaderTakesOneRowAt1280PixelsInBothLanguages() throws IOException {
        signIn("admin", PostgresResource.ADMIN_PASSWORD);
        browser.manage().window().setSize(new Dimension(1280, 900));
        try {
            for (String language : List.of("en", "zh-CN")) {
                open("/lang?to=" + language + "&next=/tasks");
                org.openqa.selenium.Rectangle nav = browser.findElement(By.cssSelector("header nav")).getRect();
                org.openqa.selenium.Rectangle tools = browser.findElement(By.cssSelector("header .tools")).getRect();
                org.openqa.selenium.Rectangle first = browser.findElement(By.cssSelector("header nav li a")).getRect();
                assertThat(nav.getHeight()).as(language + ": the entries take one row").isLessThan(2 * first.getHeight());
                assertThat(tools.getY()).as(language + ": the tools sit beside the entries").isLessThan(
                        nav.getY() + nav.getHeight());
                shot("30-header-1280-" + language);
            }
        } finally {
            open("/lang?to=en&next=/");
            browser.manage().window().setSize(new Dimension(1280, 900));
        }
    }

    private static long notesSaying(String text) {
        return ConsoleClient.admin().contentType(ContentType.JSON).body(Map.of("prefix", text))
                .post("/api/v1/plugins/test-kit/operations/count-notes").then().statusCode(200).extract().jsonPath()
                .getLong("count");
    }
}
