package dev.forewarn.outreach.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real browser for tests: Debian's headless Chromium driven through Debian's chromedriver ({@code
 * /usr/bin/chromium}, {@code /usr/bin/chromedriver}, installed by {@code scripts/services.sh up}),
 * never a downloaded browser. Each instance has a fresh profile, deleted on {@link #close()}.
 * Screenshots go to {@code target/screenshots/{folder}/{name}-{width}.png}.
 *
 * <p>Use one per test class or per test, with try-with-resources or {@code @AfterEach}: {@code try
 * (HeadlessChromium browser = HeadlessChromium.start("customer-page")) { … }}.
 */
public final class HeadlessChromium implements AutoCloseable {

  /** A phone's width in CSS pixels (and the narrowest the pages are made for). */
  public static final int PHONE = 390;

  /** A desktop browser's width. */
  public static final int DESKTOP = 1280;

  public static final Path CHROMIUM = Path.of(env("FOREWARN_CHROMIUM", "/usr/bin/chromium"));
  public static final Path CHROMEDRIVER =
      Path.of(env("FOREWARN_CHROMEDRIVER", "/usr/bin/chromedriver"));

  /**
   * The host name pages are served under: the browser resolves it to this machine, so links carry a
   * public address (the service refuses a local one with Twilio configured) and still open here.
   */
  public static final String PUBLIC_HOST = "care.forewarn.test";

  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final List<String> FLAGS =
      List.of(
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--disable-dev-shm-usage",
          "--hide-scrollbars",
          "--host-resolver-rules=MAP " + PUBLIC_HOST + " 127.0.0.1");

  private final ChromeDriver driver;
  private final Path profile;
  private final Path screenshots;

  private HeadlessChromium(ChromeDriver driver, Path profile, Path screenshots) {
    this.driver = driver;
    this.profile = profile;
    this.screenshots = screenshots;
  }

  /**
   * Starts a browser at phone width.
   *
   * @param folder where under {@code target/screenshots} this browser's pictures go
   */
  public static HeadlessChromium start(String folder) {
    for (Path executable : List.of(CHROMIUM, CHROMEDRIVER)) {
      assertThat(Files.isExecutable(executable))
          .as(
              "%s is missing: the browser tests need Debian's chromium and chromium-driver"
                  + " (scripts/services.sh up installs them)",
              executable)
          .isTrue();
    }
    try {
      Path profile = Files.createTempDirectory("forewarn-chromium-");
      ChromeOptions options = new ChromeOptions();
      options.setBinary(CHROMIUM.toFile());
      options.addArguments(FLAGS);
      options.addArguments("--user-data-dir=" + profile, "--lang=en-US");
      ChromeDriverService service =
          new ChromeDriverService.Builder()
              .usingDriverExecutable(CHROMEDRIVER.toFile())
              .usingAnyFreePort()
              .build();
      ChromeDriver driver = new ChromeDriver(service, options);
      Path screenshots = Path.of("target", "screenshots", folder);
      Files.createDirectories(screenshots);
      HeadlessChromium browser = new HeadlessChromium(driver, profile, screenshots);
      browser.width(PHONE);
      return browser;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A free port for a service the browser is to reach under {@link #PUBLIC_HOST}. */
  public static int freePort() {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The address of a service on this machine's {@code port}, under {@link #PUBLIC_HOST}. */
  public static String publicUrl(int port) {
    return "http://" + PUBLIC_HOST + ":" + port;
  }

  /** The Selenium driver, for anything this fixture does not wrap. */
  public WebDriver driver() {
    return driver;
  }

  /** Loads a page and waits until it has loaded. */
  public HeadlessChromium open(String url) {
    driver.get(url);
    waitUntil(d -> "complete".equals(script("return document.readyState")));
    return this;
  }

  /** Makes the page this many CSS pixels wide (the window is made to fit). */
  public HeadlessChromium width(int cssPixels) {
    driver.manage().window().setSize(new Dimension(cssPixels, 900));
    Object inner = script("return window.innerWidth");
    long difference = cssPixels - ((Number) inner).longValue();
    if (difference != 0) {
      driver.manage().window().setSize(new Dimension((int) (cssPixels + difference), 900));
    }
    return this;
  }

  public String url() {
    return driver.getCurrentUrl();
  }

  public String text() {
    return driver.findElement(By.tagName("body")).getText();
  }

  public WebElement find(String css) {
    return driver.findElement(By.cssSelector(css));
  }

  public List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  /**
   * Clicks a link or a form's button and waits for the page it leads to. The old page must go
   * first: its own {@code readyState} is already "complete", so waiting on that alone would read
   * the old page.
   */
  public HeadlessChromium click(String css) {
    WebElement page = find("html");
    find(css).click();
    waitUntil(d -> gone(page));
    waitUntil(d -> "complete".equals(script("return document.readyState")));
    return this;
  }

  /**
   * Whether an element of a page has gone with its page. Mid-navigation Chromium may answer for it
   * that its node "does not belong to the document" instead of calling it stale: gone all the same.
   */
  private static boolean gone(WebElement element) {
    try {
      element.isEnabled();
      return false;
    } catch (StaleElementReferenceException stale) {
      return true;
    } catch (WebDriverException e) {
      if (String.valueOf(e.getMessage()).contains("does not belong to the document")) {
        return true;
      }
      throw e;
    }
  }

  /** Waits (at most 15 s) until the condition holds, then gives its value. */
  public <T> T waitUntil(Function<WebDriver, T> condition) {
    return waitUntil(condition, WAIT);
  }

  /** Waits at most {@code atMost} until the condition holds, then gives its value. */
  public <T> T waitUntil(Function<WebDriver, T> condition, Duration atMost) {
    return new WebDriverWait(driver, atMost).until(condition);
  }

  public Object script(String javascript, Object... arguments) {
    return ((JavascriptExecutor) driver).executeScript(javascript, arguments);
  }

  /** How many CSS pixels the page is wider than the window (0: no sideways scrolling). */
  public long horizontalOverflow() {
    Object overflow =
        script(
            "return Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)"
                + " - document.documentElement.clientWidth");
    return ((Number) overflow).longValue();
  }

  /** Fails when the page at its present width scrolls sideways. */
  public HeadlessChromium assertNoHorizontalOverflow() {
    assertThat(horizontalOverflow())
        .as("page %s is wider than its %s px window", url(), script("return window.innerWidth"))
        .isLessThanOrEqualTo(0);
    return this;
  }

  /**
   * Saves the whole page as {@code {name}-{width}.png} at each width, and checks at phone width
   * that nothing scrolls sideways. The page is left at phone width.
   */
  public Path screenshots(String name) {
    Path last = null;
    for (int width : new int[] {DESKTOP, PHONE}) {
      width(width);
      last = screenshot(name + "-" + width);
    }
    assertNoHorizontalOverflow();
    return last;
  }

  /** Saves what the window shows, the whole page high, as {@code {name}.png}. */
  public Path screenshot(String name) {
    Object height = script("return Math.ceil(document.documentElement.scrollHeight)");
    Dimension size = driver.manage().window().getSize();
    driver
        .manage()
        .window()
        .setSize(new Dimension(size.getWidth(), Math.max(600, ((Number) height).intValue() + 140)));
    try {
      Path file = screenshots.resolve(name + ".png");
      Files.copy(
          driver.getScreenshotAs(OutputType.FILE).toPath(),
          file,
          StandardCopyOption.REPLACE_EXISTING);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      driver.manage().window().setSize(size);
    }
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // A profile left in the temporary directory is harmless.
      }
    }
  }

  private static String env(String name, String fallback) {
    String value = System.getenv(name);
    return value == null || value.isBlank() ? fallback : value;
  }
}
