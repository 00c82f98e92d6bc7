package dev.forewarn.outreach.agents;

import dev.forewarn.outreach.cases.CaseQueries;
import dev.forewarn.outreach.cases.CaseView;
import dev.forewarn.outreach.timeline.Timeline;
import dev.forewarn.outreach.timeline.TimelineEntry;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/agent-tasks}: the agent queue, each task with the case's full context. */
@RestController
class AgentTaskController {

  private final AgentTasks tasks;
  private final CaseQueries cases;
  private final Timeline timeline;

  AgentTaskController(AgentTasks tasks, CaseQueries cases, Timeline timeline) {
    this.tasks = tasks;
    this.cases = cases;
    this.timeline = timeline;
  }

  @GetMapping("/api/agent-tasks")
  List<TaskWithContext> list(
      @RequestParam(defaultValue = "OPEN")
          @Pattern(regexp = "OPEN|DONE", message = "must be OPEN or DONE")
          String status,
      @RequestParam(defaultValue = "50")
          @Min(value = 1, message = "must be at least 1")
          @Max(value = 1000, message = "must be at most 1000")
          int limit) {
    return tasks.list(status, limit).stream()
        .map(
            t ->
                new TaskWithContext(
                    t, cases.find(t.caseId()).orElseThrow(), timeline.of(t.caseId())))
        .toList();
  }

  /** A task, its case (evidence, ETA, messages) and the case's timeline (messages and replies). */
  record TaskWithContext(
      AgentTasks.AgentTask task, CaseView theCase, List<TimelineEntry> timeline) {}
}
