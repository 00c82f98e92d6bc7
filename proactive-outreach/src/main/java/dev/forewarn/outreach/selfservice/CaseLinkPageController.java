package dev.forewarn.outreach.selfservice;

import dev.forewarn.outreach.customers.Customer;
import dev.forewarn.outreach.customers.CustomerRepository;
import dev.forewarn.outreach.security.Principals;
import dev.forewarn.outreach.security.links.CaseLinks;
import dev.forewarn.outreach.web.ConflictException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneId;
import java.util.Locale;
import java.util.function.BiConsumer;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * {@code /c/{token}}: the page a message's link opens, for its one case and nothing else, in the
 * customer's language and time zone. The token is checked on every request (signature, expiry, the
 * case's link generation); a refused link gets a page that says why in one sentence (404 not valid,
 * 410 expired or withdrawn). Actions answer with a redirect back to the page (POST, then GET).
 */
@Controller
class CaseLinkPageController {

  private static final String VIA = "on the self-service page";

  private final CaseLinks links;
  private final CustomerCases cases;
  private final CustomerRepository customers;
  private final CaseCards cards;

  CaseLinkPageController(
      CaseLinks links, CustomerCases cases, CustomerRepository customers, CaseCards cards) {
    this.links = links;
    this.cases = cases;
    this.customers = customers;
    this.cards = cards;
  }

  @GetMapping("/c/{token}")
  String page(
      @PathVariable String token,
      CsrfToken csrf,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    CaseLinks.Check check = links.check(token);
    if (check.link().isEmpty()) {
      return refused(check.refusal().orElseThrow(), response, model);
    }
    Principals.CaseLink link = check.link().get();
    Customer customer = customers.find(link.customerId()).orElseThrow();
    PageLocale.useStored(request, customer.locale());
    Locale locale = RequestContextUtils.getLocale(request);
    csrf.getToken(); // the cookie is written before the page starts streaming
    return cases
        .find(link, link.caseId())
        .map(
            c -> {
              model.addAttribute(
                  "card", cards.card(c, locale, ZoneId.of(customer.timeZone()), "/c/" + token));
              model.addAttribute("zone", customer.timeZone());
              model.addAttribute("self", "/c/" + token);
              return "case";
            })
        .orElseGet(() -> refused(CaseLinks.Refusal.INVALID, response, model));
  }

  @PostMapping("/c/{token}/acknowledge")
  String acknowledge(@PathVariable String token, HttpServletResponse response, Model model) {
    return act(token, response, model, (link, id) -> cases.acknowledge(link, id, VIA));
  }

  @PostMapping("/c/{token}/book")
  String book(@PathVariable String token, HttpServletResponse response, Model model) {
    return act(token, response, model, (link, id) -> cases.book(link, id, VIA));
  }

  @PostMapping("/c/{token}/snooze")
  String snooze(@PathVariable String token, HttpServletResponse response, Model model) {
    return act(token, response, model, (link, id) -> cases.snooze(link, id, VIA));
  }

  @PostMapping("/c/{token}/feedback")
  String feedback(
      @PathVariable String token,
      @RequestParam int score,
      HttpServletResponse response,
      Model model) {
    if (score < 1 || score > 5) {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      model.addAttribute("reason", "score");
      return "refused";
    }
    return act(token, response, model, (link, id) -> cases.rate(link, id, score, VIA));
  }

  private String act(
      String token,
      HttpServletResponse response,
      Model model,
      BiConsumer<Principals.CaseLink, Long> action) {
    CaseLinks.Check check = links.check(token);
    if (check.link().isEmpty()) {
      return refused(check.refusal().orElseThrow(), response, model);
    }
    Principals.CaseLink link = check.link().get();
    try {
      action.accept(link, link.caseId());
    } catch (ConflictException alreadyDone) {
      // The page shows the case as it is now; nothing else to say.
    }
    response.setStatus(HttpStatus.SEE_OTHER.value());
    response.setHeader("Location", "/c/" + token);
    return null;
  }

  private static String refused(
      CaseLinks.Refusal refusal, HttpServletResponse response, Model model) {
    response.setStatus(
        (refusal == CaseLinks.Refusal.INVALID ? HttpStatus.NOT_FOUND : HttpStatus.GONE).value());
    model.addAttribute("reason", refusal.name());
    return "refused";
  }
}
