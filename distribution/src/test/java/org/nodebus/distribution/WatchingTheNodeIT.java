package org.nodebus.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * An operator watches the assembled node: HTTP turned on by one setting, Prometheus's scrape, and the
 * NodeBus page of the Web Console in headless Chromium (Debian's chromium and chromium-driver).
 */
class WatchingTheNodeIT {
    private static final Path DISTRIBUTION = Path.of(System.getProperty("nodebus.home", "target/nodebus"));
    private static final Path SCREENSHOTS = Path.of(System.getProperty("nodebus.screenshots", "target/screenshots"));
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String SLOW = "org.nodebus.sample.slow";
    /** The default modules that subscribe (the simulated node only publishes). */
    private static final List<String> DEFAULT_MODULES = List.of("org.nodebus.sample.governance",
            "org.nodebus.sample.monitor", "org.nodebus.sample.storage");

    @TempDir
    Path workDir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theOperatorScrapesLogsInSeesTheSlowModuleDropAndResetsIt() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver; .ci/run does)");
        int port = freePort();
        String password = UUID.randomUUID().toString();
        Path conf = Files.createDirectories(workDir.resolve("instance/conf"));
        Files.writeString(conf.resolve("org.apache.felix.http.cfg"),
                "org.apache.felix.http.enable = true\norg.osgi.service.http.port = " + port + "\n");
        Files.writeString(conf.resolve("org.nodebus.webconsole.cfg"), "username = operator\npassword = " + password + "\n");
        String base = "http://127.0.0.1:" + port;

        try (RunningNode node = RunningNode.start(DISTRIBUTION, workDir)) {
            node.awaitLog("NodeStartupCompleted after");
            Files.writeString(node.base().resolve("deploy/org.nodebus.sample.node.cfg"), "blocks.per.second = 40\n");
            node.awaitLog("Simulated node publishing 40.0 blocks/s");
            Path slow = node.file("extra", SLOW);
            node.command("start file:extra/" + slow.getFileName(), "nodebus> ");
            node.awaitLog("ModuleLoaded " + SLOW);

            // Prometheus: the slow module's drops, the default modules, text format
            String[] scrape = new String[1];
            RunningNode.await("the scrape shows the slow module dropping", () -> {
                try {
                    HttpResponse<String> r = get(base + "/metrics");
                    scrape[0] = r.statusCode() + " " + r.headers().firstValue("Content-Type").orElse("") + "\n" + r.body();
                    return r.statusCode() == 200 && r.body().contains("nodebus_events_dropped_total{module=\"" + SLOW + "\"}")
                            && !r.body().contains("nodebus_events_dropped_total{module=\"" + SLOW + "\"} 0.0");
                } catch (IOException | InterruptedException e) {
                    scrape[0] = e.toString();
                    return false;
                }
            }, () -> RunningNode.tail(scrape[0]));
            assertTrue(scrape[0].startsWith("200 text/plain"), scrape[0]);
            for (String module : DEFAULT_MODULES) {
                assertTrue(scrape[0].contains("nodebus_events_handled_total{module=\"" + module + "\"}"), module);
            }
            // the console wants its account: a script is asked for Basic authentication
            @SuppressWarnings("unchecked")
            HttpResponse<String>[] answer = new HttpResponse[1];
            RunningNode.await("the Web Console is up", () -> {
                try {
                    answer[0] = get(base + "/system/console/nodebus/data.json");
                    return answer[0].statusCode() != 404;
                } catch (IOException | InterruptedException e) {
                    return false;
                }
            }, () -> RunningNode.tail(node.log()));
            HttpResponse<String> anonymous = answer[0];
            assertEquals(401, anonymous.statusCode(), anonymous.body());
            assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Basic"));

            Files.createDirectories(SCREENSHOTS);
            WebDriver browser = browser();
            try {
                WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
                // the page renders its table anew every second: an element found may be gone a moment later
                wait.ignoring(StaleElementReferenceException.class);
                browser.get(base + "/system/console/nodebus");
                browser.findElement(By.id("username")).sendKeys("operator");
                browser.findElement(By.id("password")).sendKeys("wrong");
                browser.findElement(By.id("login")).click();
                wait.until(d -> !d.findElements(By.id("login-problem")).isEmpty());
                browser.findElement(By.id("username")).sendKeys("operator");
                browser.findElement(By.id("password")).sendKeys(password);
                browser.findElement(By.id("login")).click();

                By slowDropped = By.cssSelector("tr[data-module='" + SLOW + "'] td.dropped span.count");
                wait.until(d -> !d.findElements(slowDropped).isEmpty());
                for (String module : DEFAULT_MODULES) {
                    assertEquals(1, browser.findElements(By.cssSelector("tr[data-module='" + module + "']")).size(), module);
                }
                long first = wait.until(d -> Long.parseLong(d.findElement(slowDropped).getText()));
                wait.until(d -> Long.parseLong(d.findElement(slowDropped).getText()) > first);
                screenshot(browser, "nodebus-page.png");

                // the chain slows to a crawl, so nothing is dropped after the reset
                Files.writeString(node.base().resolve("deploy/org.nodebus.sample.node.cfg"), "blocks.per.second = 0.01\n");
                node.awaitLog("Simulated node publishing 0.01 blocks/s");
                By reset = By.cssSelector("button.reset[data-module='" + SLOW + "']");
                wait.until(d -> {
                    d.findElement(reset).click(); // a stale button was not clicked: found again and clicked
                    return true;
                });
                wait.until(d -> "0".equals(d.findElement(slowDropped).getText()));
                screenshot(browser, "nodebus-page-after-reset.png");
                node.awaitLog("Statistics of module " + SLOW + " reset by org.nodebus.metrics");
            } finally {
                browser.quit();
            }
        }
    }

    private WebDriver browser() throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toString());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1400,900",
                "--user-data-dir=" + Files.createDirectories(workDir.resolve("chromium")));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        return new ChromeDriver(service, options);
    }

    private static void screenshot(WebDriver browser, String name) throws IOException {
        byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
        Files.write(SCREENSHOTS.resolve(name), png);
    }
}
