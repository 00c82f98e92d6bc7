package dev.forewarn.outreach.selfservice;

import dev.forewarn.outreach.customers.CustomerRepository;
import dev.forewarn.outreach.customers.DeviceRepository;
import dev.forewarn.outreach.preferences.PreferencesRepository;
import dev.forewarn.outreach.security.CustomerScope;
import dev.forewarn.outreach.security.signin.SignInCodes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The customer's pages: {@code /me/sign-in} (ask for a code, enter it), {@code /me} (their devices,
 * cases and preferences). Deliberately small; the same data is in {@code /api/me} for a richer
 * page.
 */
@RestController
class CustomerPagesController {

  private final SignInCodes codes;
  private final CustomerRepository customers;
  private final DeviceRepository devices;
  private final CustomerCases cases;
  private final PreferencesRepository preferences;

  CustomerPagesController(
      SignInCodes codes,
      CustomerRepository customers,
      DeviceRepository devices,
      CustomerCases cases,
      PreferencesRepository preferences) {
    this.codes = codes;
    this.customers = customers;
    this.devices = devices;
    this.cases = cases;
    this.preferences = preferences;
  }

  @GetMapping(path = "/me/sign-in", produces = MediaType.TEXT_HTML_VALUE)
  String signIn(
      @RequestParam(required = false) String error,
      @RequestParam(required = false) String out,
      CsrfToken csrf) {
    String note =
        error != null
            ? "The code is wrong or no longer valid. Ask for a new one."
            : out != null ? "You are signed out." : null;
    return CustomerPages.signIn(note, "", csrf);
  }

  @PostMapping(path = "/me/sign-in/code", produces = MediaType.TEXT_HTML_VALUE)
  ResponseEntity<String> requestCode(@RequestParam String address, CsrfToken csrf) {
    SignInCodes.Requested requested = codes.request(address);
    if (requested instanceof SignInCodes.Sent sent) {
      return ResponseEntity.ok(
          CustomerPages.signIn(
              "If this is the number or address we have for you, a code is on its way.",
              sent.address(),
              csrf));
    }
    if (requested instanceof SignInCodes.TooMany tooMany) {
      long minutes = Math.max(1, (tooMany.retryAfter().toSeconds() + 59) / 60);
      return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
          .header("Retry-After", String.valueOf(tooMany.retryAfter().toSeconds()))
          .body(
              CustomerPages.signIn(
                  "Too many codes were asked for. Try again in " + minutes + " minutes.",
                  address,
                  csrf));
    }
    return ResponseEntity.badRequest()
        .body(
            CustomerPages.signIn(
                "Enter your mobile number in international form (+8210…) or your email address.",
                "",
                csrf));
  }

  @GetMapping(path = "/me", produces = MediaType.TEXT_HTML_VALUE)
  String account(@AuthenticationPrincipal CustomerScope me, CsrfToken csrf) {
    return CustomerPages.account(
        customers.find(me.customerId()).orElseThrow(),
        devices.ownedBy(me.customerId()),
        cases.list(me, 20),
        preferences.of(me.customerId()).orElseThrow(),
        csrf);
  }
}
