package dev.forewarn.outreach.console;

import dev.forewarn.outreach.agents.AgentTasks;
import dev.forewarn.outreach.cases.CaseFilter;
import dev.forewarn.outreach.cases.CaseQueries;
import dev.forewarn.outreach.cases.CaseView;
import dev.forewarn.outreach.deliveries.DeliveryQueries;
import dev.forewarn.outreach.devices.DeviceOverview;
import dev.forewarn.outreach.devices.DeviceViews;
import dev.forewarn.outreach.rules.RuleService;
import dev.forewarn.outreach.rules.RuleView;
import dev.forewarn.outreach.timeline.Timeline;
import dev.forewarn.outreach.web.BadRequestException;
import dev.forewarn.outreach.web.NotFoundException;
import dev.forewarn.outreach.web.OperationsQueries;
import dev.forewarn.outreach.web.Paging;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The console's pages. Each reads what it shows through the queries the API uses and renders it
 * with Thymeleaf (every value escaped); changes go through the API from the page's script.
 */
@Controller
@Tag(name = "console", description = "Server-rendered pages for managers and agents (HTML)")
class ConsoleController {

  /** How many of the newest cases the board shows. */
  static final int BOARD_SIZE = 200;

  /** How many rows a log page shows. */
  static final int LOG_SIZE = 100;

  private final CaseQueries cases;
  private final Timeline timeline;
  private final AgentTasks tasks;
  private final RuleService rules;
  private final DeviceViews devices;
  private final DeliveryQueries deliveries;
  private final OperationsQueries operations;

  ConsoleController(
      CaseQueries cases,
      Timeline timeline,
      AgentTasks tasks,
      RuleService rules,
      DeviceViews devices,
      DeliveryQueries deliveries,
      OperationsQueries operations) {
    this.cases = cases;
    this.timeline = timeline;
    this.tasks = tasks;
    this.rules = rules;
    this.devices = devices;
    this.deliveries = deliveries;
    this.operations = operations;
  }

  @Operation(summary = "The cases board by stage, refreshing itself (HTML)")
  @GetMapping({"/", "/console", "/console/cases"})
  String board(Model model) {
    boardModel(model);
    return page(model, "cases", "console/board");
  }

  /** The board's columns alone, which the board page fetches every few seconds. */
  @Operation(
      summary = "The board's figures and columns alone, which the board fetches every 2 s (HTML)")
  @GetMapping("/console/cases/board")
  String boardColumns(Model model) {
    boardModel(model);
    return "console/board :: columns";
  }

  @Operation(summary = "A case: both clocks, the timeline, its messages (HTML); 404 page")
  @GetMapping("/console/cases/{id}")
  String oneCase(@PathVariable long id, Model model) {
    CaseView c = cases.find(id).orElseThrow(() -> new NotFoundException("no case with id " + id));
    model.addAttribute("c", c);
    model.addAttribute("stage", Stage.of(c));
    model.addAttribute("timeline", timeline.of(id));
    return page(model, "cases", "console/case");
  }

  @Operation(summary = "The agent queue: open bookings and escalations (HTML)")
  @GetMapping("/console/queue")
  String queue(Model model) {
    List<QueueItem> items = new ArrayList<>();
    for (AgentTasks.AgentTask task : tasks.list("OPEN", LOG_SIZE)) {
      cases.find(task.caseId()).ifPresent(c -> items.add(new QueueItem(task, c)));
    }
    model.addAttribute("items", items);
    return page(model, "queue", "console/queue");
  }

  @Operation(summary = "The rules with their state (HTML)")
  @GetMapping("/console/rules")
  String rules(Model model) {
    model.addAttribute("rules", rules.list());
    return page(model, "rules", "console/rules");
  }

  @Operation(
      summary = "The rule editor with validation and backtest preview, for a new rule (HTML)")
  @GetMapping("/console/rules/new")
  String newRule(Model model) {
    model.addAttribute("rule", null);
    model.addAttribute("devices", deviceIds());
    return chartPage(model, "rules", "console/rule");
  }

  @Operation(summary = "The rule editor for a stored rule, with its versions (HTML); 404 page")
  @GetMapping("/console/rules/{id}")
  String rule(@PathVariable String id, Model model) {
    RuleView rule = rules.find(id);
    model.addAttribute("rule", rule);
    model.addAttribute("versions", rules.versions(id));
    model.addAttribute("devices", deviceIds());
    return chartPage(model, "rules", "console/rule");
  }

  @Operation(summary = "The devices, least healthy first (HTML)")
  @GetMapping("/console/devices")
  String devices(Model model) {
    model.addAttribute(
        "devices", devices.list(null, null, null, first(DeviceViews.SORTS, "health,desc")));
    return page(model, "devices", "console/devices");
  }

  /**
   * A device with a telemetry chart over {@code from}..{@code to}; by default the day before its
   * latest reading (or before now, when it has sent none).
   */
  @Operation(
      summary = "A device's telemetry chart over from..to with its cases marked (HTML); 404 page")
  @GetMapping("/console/devices/{deviceId}")
  String device(
      @PathVariable String deviceId,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
          Instant from,
      @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME)
          Instant to,
      Model model) {
    DeviceOverview device = devices.find(deviceId);
    Instant end =
        to != null
            ? to
            : device.latest() != null ? device.latest().at().plusSeconds(60) : Instant.now();
    Instant start = from != null ? from : end.minus(Duration.ofDays(1));
    if (!start.isBefore(end)) {
      throw new BadRequestException("from", "must be before to");
    }
    model.addAttribute("device", device);
    model.addAttribute("from", start);
    model.addAttribute("to", end);
    model.addAttribute(
        "cases",
        cases
            .search(
                new CaseFilter(null, null, null, deviceId, null, null, null),
                first(CaseQueries.SORTS, "id,desc"))
            .items());
    return chartPage(model, "devices", "console/device");
  }

  @Operation(summary = "The delivery log, newest first (HTML)")
  @GetMapping("/console/deliveries")
  String deliveries(
      @RequestParam(required = false) String channel,
      @RequestParam(required = false) String outcome,
      Model model) {
    model.addAttribute(
        "deliveries",
        deliveries.list(
            blankToNull(channel),
            blankToNull(outcome),
            null,
            null,
            null,
            null,
            first(DeliveryQueries.SORTS, "id,desc")));
    model.addAttribute("channel", channel);
    model.addAttribute("outcome", outcome);
    return page(model, "deliveries", "console/deliveries");
  }

  @Operation(summary = "The dead letters with reason and raw payload (HTML)")
  @GetMapping("/console/dead-letters")
  String deadLetters(Model model) {
    model.addAttribute(
        "letters",
        operations.deadLetters(
            null, null, null, null, null, first(OperationsQueries.DEAD_LETTER_SORTS, "id,desc")));
    model.addAttribute("kinds", operations.deadLetterKinds());
    return page(model, "dead-letters", "console/dead-letters");
  }

  /** A case in the agent queue with the task that put it there. */
  record QueueItem(AgentTasks.AgentTask task, CaseView theCase) {}

  private void boardModel(Model model) {
    Map<Stage, List<CaseView>> columns = new EnumMap<>(Stage.class);
    for (Stage stage : Stage.values()) {
      columns.put(stage, new ArrayList<>());
    }
    List<CaseView> newest = cases.newest(BOARD_SIZE);
    for (CaseView c : newest) {
      columns.get(Stage.of(c)).add(c);
    }
    model.addAttribute("columns", columns);
    model.addAttribute("anyCase", !newest.isEmpty());
    model.addAttribute("anyRule", !rules.list().isEmpty());
    model.addAttribute("stats", operations.stats());
  }

  private List<String> deviceIds() {
    return devices.list(null, null, null, first(DeviceViews.SORTS, "deviceId,asc")).items().stream()
        .map(DeviceOverview::deviceId)
        .toList();
  }

  private static String page(Model model, String section, String template) {
    model.addAttribute("section", section);
    return template;
  }

  /** A page with charts: it loads the chart library too. */
  private static String chartPage(Model model, String section, String template) {
    model.addAttribute("charts", true);
    return page(model, section, template);
  }

  /** The first {@link #LOG_SIZE} rows in this order. */
  private static Paging first(Map<String, String> sorts, String sort) {
    return Paging.of(0, LOG_SIZE, null, sorts, sort);
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }
}
