package dev.forewarn.outreach.selfservice;

import dev.forewarn.outreach.customers.Customer;
import dev.forewarn.outreach.customers.CustomerRepository;
import dev.forewarn.outreach.customers.DeviceRepository;
import dev.forewarn.outreach.notify.app.InboxRepository;
import dev.forewarn.outreach.preferences.Preferences;
import dev.forewarn.outreach.preferences.PreferencesRepository;
import dev.forewarn.outreach.security.CustomerScope;
import dev.forewarn.outreach.security.signin.SignInCodes;
import dev.forewarn.outreach.web.ConflictException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * The customer's pages: {@code /me/sign-in} (ask for a code, enter it) and {@code /me}, their
 * devices with their health, their cases with the same actions as a message's link, their in-app
 * inbox (live over {@code /api/me/inbox/stream}) and their contact preferences, in their language.
 */
@Controller
class CustomerPagesController {

  private static final String VIA = "in the customer's account";

  private final SignInCodes codes;
  private final CustomerRepository customers;
  private final DeviceRepository devices;
  private final CustomerCases cases;
  private final PreferencesRepository preferences;
  private final InboxRepository inbox;
  private final CaseCards cards;

  CustomerPagesController(
      SignInCodes codes,
      CustomerRepository customers,
      DeviceRepository devices,
      CustomerCases cases,
      PreferencesRepository preferences,
      InboxRepository inbox,
      CaseCards cards) {
    this.codes = codes;
    this.customers = customers;
    this.devices = devices;
    this.cases = cases;
    this.preferences = preferences;
    this.inbox = inbox;
    this.cards = cards;
  }

  @GetMapping("/me/sign-in")
  String signIn(
      @RequestParam(required = false) String error,
      @RequestParam(required = false) String out,
      CsrfToken csrf,
      Model model) {
    csrf.getToken();
    model.addAttribute("note", error != null ? "signin.wrong" : out != null ? "signin.out" : null);
    model.addAttribute("address", "");
    return "sign-in";
  }

  @PostMapping("/me/sign-in/code")
  String requestCode(
      @RequestParam String address, CsrfToken csrf, HttpServletResponse response, Model model) {
    csrf.getToken();
    SignInCodes.Requested requested = codes.request(address);
    model.addAttribute("address", "");
    if (requested instanceof SignInCodes.Sent sent) {
      model.addAttribute("note", "signin.sent");
      model.addAttribute("address", sent.address());
    } else if (requested instanceof SignInCodes.TooMany tooMany) {
      long minutes = Math.max(1, (tooMany.retryAfter().toSeconds() + 59) / 60);
      response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
      response.setHeader("Retry-After", String.valueOf(tooMany.retryAfter().toSeconds()));
      model.addAttribute("note", "signin.too-many");
      model.addAttribute("minutes", minutes);
      model.addAttribute("address", address);
    } else {
      response.setStatus(HttpStatus.BAD_REQUEST.value());
      model.addAttribute("note", "signin.not-an-address");
    }
    return "sign-in";
  }

  @GetMapping("/me")
  String account(
      @AuthenticationPrincipal CustomerScope me,
      CsrfToken csrf,
      HttpServletRequest request,
      Model model) {
    Customer customer = customers.find(me.customerId()).orElseThrow();
    PageLocale.useStored(request, customer.locale());
    Locale locale = RequestContextUtils.getLocale(request);
    ZoneId zone = ZoneId.of(customer.timeZone());
    csrf.getToken();
    List<CaseCard> caseCards =
        cases.list(me, 20).stream()
            .map(c -> cards.card(c, locale, zone, "/me/cases/" + c.id()))
            .toList();
    Map<String, List<CaseCard>> openByDevice =
        cases.list(me, 200).stream()
            .filter(c -> c.status().equals("OPEN"))
            .collect(
                Collectors.groupingBy(
                    CustomerCase::deviceId,
                    Collectors.mapping(c -> cards.card(c, locale, zone, ""), Collectors.toList())));
    model.addAttribute("customer", customer);
    model.addAttribute(
        "devices",
        devices.ownedBy(me.customerId()).stream()
            .map(d -> DeviceHealth.of(d, openByDevice.getOrDefault(d.deviceId(), List.of())))
            .toList());
    model.addAttribute("cases", caseCards);
    model.addAttribute("inbox", inbox.newest(me.customerId(), 20));
    model.addAttribute(
        "preferences", PreferencesForm.of(preferences.of(me.customerId()).orElseThrow()));
    model.addAttribute("zone", customer.timeZone());
    model.addAttribute("self", "/me");
    return "account";
  }

  @PostMapping("/me/cases/{id}/{action}")
  String act(
      @AuthenticationPrincipal CustomerScope me,
      @PathVariable long id,
      @PathVariable String action,
      @RequestParam(required = false) Integer score) {
    Map<String, Function<Long, CustomerCase>> actions =
        Map.of(
            "acknowledge", caseId -> cases.acknowledge(me, caseId, VIA),
            "book", caseId -> cases.book(me, caseId, VIA),
            "snooze", caseId -> cases.snooze(me, caseId, VIA),
            "feedback", caseId -> cases.rate(me, caseId, score == null ? 0 : score, VIA));
    Function<Long, CustomerCase> chosen = actions.get(action);
    if (chosen == null
        || (action.equals("feedback") && (score == null || score < 1 || score > 5))) {
      return "redirect:/me";
    }
    try {
      chosen.apply(id);
    } catch (ConflictException alreadyDone) {
      // The page shows the case as it is now.
    }
    return "redirect:/me#case-" + id;
  }

  @PostMapping("/me/preferences")
  String savePreferences(
      @AuthenticationPrincipal CustomerScope me,
      PreferencesForm form,
      HttpServletResponse response,
      Model model,
      HttpServletRequest request) {
    Preferences current = preferences.of(me.customerId()).orElseThrow();
    var checked = form.toPreferences(current);
    if (checked.problem() != null) {
      return "redirect:/me?problem=" + checked.problem() + "#preferences";
    }
    preferences.save(me.customerId(), checked.preferences());
    PageLocale.supported(checked.preferences().locale())
        .ifPresent(l -> PageLocale.remember(response, l));
    return "redirect:/me?saved#preferences";
  }
}
