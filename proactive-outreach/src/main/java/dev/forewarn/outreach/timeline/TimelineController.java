package dev.forewarn.outreach.timeline;

import dev.forewarn.outreach.web.NotFoundException;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/cases/{id}/timeline}: the case thread in order. */
@RestController
class TimelineController {

  private final Timeline timeline;
  private final JdbcClient jdbc;

  TimelineController(Timeline timeline, JdbcClient jdbc) {
    this.timeline = timeline;
    this.jdbc = jdbc;
  }

  @GetMapping("/api/cases/{id}/timeline")
  List<TimelineEntry> timeline(@PathVariable long id) {
    boolean exists =
        jdbc.sql("SELECT count(*) FROM cases WHERE id = :id")
                .param("id", id)
                .query(Long.class)
                .single()
            > 0;
    if (!exists) {
      throw new NotFoundException("no case with id " + id);
    }
    return timeline.of(id);
  }
}
