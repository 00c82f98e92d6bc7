package dev.forewarn.demo;

import dev.forewarn.outreach.security.Role;
import dev.forewarn.outreach.security.tokens.ApiTokens;
import dev.forewarn.outreach.security.users.StaffUsers;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The demo's keys and sign-in: a case-link signing key made for this run unless one is given, the
 * demo manager (the password from {@code FOREWARN_ADMIN_PASSWORD}, or a random one printed once),
 * and an API token for the demo's own calls. Nothing is open without signing in.
 */
final class DemoSecurity {

  static final String DEFAULT_MANAGER = "manager";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Map<String, String> env;
  private final String generatedPassword = random(15);

  DemoSecurity(Map<String, String> env) {
    this.env = env;
  }

  /**
   * Arguments for the service: a link key when none is configured, and the demo manager (with the
   * generated password when none was given), so that the service starts with a manager.
   */
  List<String> serviceArgs() {
    List<String> args = new ArrayList<>();
    if (absent("FOREWARN_SECURITY_LINK_KEY") && absent("FOREWARN_SECURITY_LINK_KEY_FILE")) {
      args.add("--forewarn.security.link-key=" + random(32));
    }
    args.add("--forewarn.admin.user=" + managerName());
    if (!passwordGiven()) {
      args.add("--forewarn.admin.password=" + generatedPassword);
    }
    return args;
  }

  /**
   * Makes sure the demo manager can sign in and returns the line that says how, with a generated
   * password in it when none was given.
   */
  String signIn(ConfigurableApplicationContext outreach, String loginUrl) {
    String user = managerName();
    if (passwordGiven()) {
      return "sign in at " + loginUrl + " as " + user + " with FOREWARN_ADMIN_PASSWORD";
    }
    // The service made the manager if it was missing; a database kept from an earlier run gets
    // this run's password too.
    outreach.getBean(StaffUsers.class).addOrReset(user, generatedPassword, Role.MANAGER);
    return "sign in at "
        + loginUrl
        + " as "
        + user
        + ", password "
        + generatedPassword
        + " (shown once)";
  }

  /** An API token for the demo's own calls to the service. */
  static String apiToken(ConfigurableApplicationContext outreach) {
    return outreach
        .getBean(ApiTokens.class)
        .issue("demo", Role.MANAGER, null, null, "demo")
        .token();
  }

  private String managerName() {
    return Optional.ofNullable(env.get("FOREWARN_ADMIN_USER"))
        .filter(u -> !u.isBlank())
        .orElse(DEFAULT_MANAGER);
  }

  private boolean passwordGiven() {
    return !absent("FOREWARN_ADMIN_PASSWORD") || !absent("FOREWARN_ADMIN_PASSWORD_FILE");
  }

  private boolean absent(String name) {
    String value = env.get(name);
    return value == null || value.isBlank();
  }

  private static String random(int bytes) {
    byte[] secret = new byte[bytes];
    RANDOM.nextBytes(secret);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
  }
}
