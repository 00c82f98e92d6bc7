package dev.forewarn.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.forewarn.outreach.browser.HeadlessChromium;
import dev.forewarn.outreach.security.Role;
import dev.forewarn.outreach.security.users.StaffUsers;
import dev.forewarn.simulator.Simulator;
import dev.forewarn.simulator.SimulatorConfig;
import dev.forewarn.simulator.fleet.DeviceProfile;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The cases board in a real browser (headless Chromium) while the whole pipeline runs on the real
 * services: a manager signs in and watches the board at {@code /}; the simulator degrades one
 * device, publishing over Mosquitto; the job detects it and writes the case event; the service
 * opens the case and texts its owner; and the case appears on the board, then moves to "notified",
 * without the page being reloaded. The board is photographed at desktop and phone width under
 * {@code target/screenshots/console/}.
 */
class LiveBoardBrowserIT {

  private static final String MANAGER = "board-manager";
  private static final String PASSWORD = "a long board password";

  private final PipelineRun pipeline = new PipelineRun("lb");
  private final String run = pipeline.name;
  private HeadlessChromium browser;

  @Test
  void aCaseTheJobDetectsOnASimulatedDeviceAppearsOnTheManagersBoardWithoutAReload()
      throws Exception {
    ConfigurableApplicationContext outreach = pipeline.startOutreach();
    outreach.getBean(StaffUsers.class).addOrReset(MANAGER, PASSWORD, Role.MANAGER);
    OutreachApi api = PipelineRun.api(outreach);
    // 3 devices; the degrading one fails 10 s into the run, crossing the rule's level before.
    Simulator simulator =
        new Simulator(
            SimulatorConfig.parse(pipeline.simulatorArgs(3, 60, Duration.ofMinutes(10)), Map.of()));
    pipeline.closeLater(simulator::stop);
    List<String> deviceIds = simulator.fleet().stream().map(DeviceProfile::deviceId).toList();
    for (int n = 0; n < deviceIds.size(); n++) {
      String deviceId = deviceIds.get(n);
      long owner =
          api.addCustomer(
              "Owner of " + deviceId,
              String.format("+1555030%04d", n + 1),
              "owner-" + deviceId + "@example.com");
      api.addDevice(deviceId, owner, "AC " + (n + 1), Fleet.MODEL);
    }
    String ruleId = run + "-overheat";
    api.addRule(Fleet.ruleJson(ruleId, deviceIds));
    pipeline.closeLater(() -> api.removeRule(ruleId));
    pipeline.startJob();

    browser = HeadlessChromium.start("console");
    browser.width(HeadlessChromium.DESKTOP);
    signIn(PipelineRun.baseUrl(outreach));
    assertThat(browser.find("[data-empty=cases]").getText()).contains("No cases yet");
    browser.script("window.sameDocument = 'yes'");

    simulator.start();
    String failing = simulator.groundTruth().failing().get(0).deviceId();
    WebElement card =
        browser.waitUntil(
            d ->
                browser.all("#board li.card[data-device='" + failing + "']").stream()
                    .findFirst()
                    .orElse(null),
            Duration.ofSeconds(60));
    assertThat(browser.script("return window.sameDocument")).isEqualTo("yes");
    assertThat(card.getText()).contains(failing, ruleId + " v1", "WARNING");
    String caseId = card.getAttribute("data-case");
    // The SMS goes out through the stand-in; the card follows into "notified", still in place.
    browser.waitUntil(
        d -> !browser.all("[data-stage=notified] li.card[data-case='" + caseId + "']").isEmpty());
    assertThat(browser.script("return window.sameDocument")).isEqualTo("yes");
    assertThat(pipeline.twilio.messageRequests()).hasSize(1);
    assertThat(browser.all("#board li.card")).as("only the degrading device has a case").hasSize(1);
    browser.screenshots("board-live");
  }

  private void signIn(String base) {
    browser.open(base + "/");
    assertThat(browser.url()).endsWith("/login");
    browser.find("input[name=username]").sendKeys(MANAGER);
    browser.find("input[name=password]").sendKeys(PASSWORD);
    browser.click("button[type=submit]");
    assertThat(browser.url()).startsWith(base + "/").doesNotContain("/login");
    assertThat(browser.find("h1").getText()).isEqualTo("Cases");
  }

  @AfterEach
  void tearDown() throws Exception {
    try {
      if (browser != null) {
        browser.close();
      }
    } finally {
      pipeline.close();
    }
  }
}
