package dev.forewarn.outreach.security.links;

import dev.forewarn.outreach.web.NotFoundException;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/cases/{id}/links/revoke}: withdraws every link sent so far for a case, e.g. when
 * a customer says a message was forwarded to someone else. Later messages carry working links.
 */
@RestController
class CaseLinkController {

  private final CaseLinks links;

  CaseLinkController(CaseLinks links) {
    this.links = links;
  }

  @PostMapping("/api/cases/{id}/links/revoke")
  Map<String, Object> revoke(@PathVariable long id, Authentication caller) {
    if (!links.revoke(id, caller.getName())) {
      throw new NotFoundException("no case with id " + id);
    }
    return Map.of("caseId", id, "revoked", true);
  }
}
