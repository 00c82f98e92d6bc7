package dev.forewarn.outreach.security;

import static dev.forewarn.outreach.security.Role.AGENT;
import static dev.forewarn.outreach.security.Role.CASE_LINK;
import static dev.forewarn.outreach.security.Role.CUSTOMER;
import static dev.forewarn.outreach.security.Role.MANAGER;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.PATCH;
import static org.springframework.http.HttpMethod.POST;

import java.util.List;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * The API's role matrix, as data: the first entry whose method and path fit a request says which
 * roles may make it; a path no entry names is for managers. {@link ApiSecurity} enforces it and the
 * API description states it per operation, so the two cannot drift apart. The module README has it
 * as a table.
 *
 * @param method the HTTP method, or null for any
 * @param patterns path patterns ({@code /api/cases/**})
 * @param roles the roles that may call it ({@link Role} names, or {@link Role#CASE_LINK})
 */
public record ApiAccess(HttpMethod method, List<String> patterns, List<String> roles) {

  private static final String M = MANAGER.name();
  private static final String A = AGENT.name();

  /** In order: the first entry that fits a request decides. */
  public static final List<ApiAccess> MATRIX =
      List.of(
          // The customer's own things; a case link reaches its one case.
          any(List.of("/api/me/cases", "/api/me/cases/**"), CUSTOMER.name(), CASE_LINK),
          any(List.of("/api/me", "/api/me/**"), CUSTOMER.name()),
          // Rules: agents read them, managers change, validate and backtest them.
          of(GET, List.of("/api/rules", "/api/rules/**"), M, A),
          any(List.of("/api/rules", "/api/rules/**", "/api/backtests", "/api/backtests/**"), M),
          // Who may sign in and which tokens exist: managers.
          any(List.of("/api/users", "/api/users/**", "/api/tokens", "/api/tokens/**"), M),
          // Customers and devices: managers register them and change ownership, agents read them
          // and keep contact details and preferences up to date on the customer's behalf.
          of(POST, List.of("/api/customers", "/api/devices"), M),
          of(PATCH, List.of("/api/devices/**"), M),
          any(List.of("/api/customers/**", "/api/devices", "/api/devices/**"), M, A),
          // Cases, the agent queue and the operator views.
          any(
              List.of("/api/cases", "/api/cases/**", "/api/agent-tasks", "/api/agent-tasks/**"),
              M,
              A),
          of(
              GET,
              List.of(
                  "/api/stats",
                  "/api/dead-letters",
                  "/api/dead-letters/**",
                  "/api/deliveries",
                  "/api/deliveries/**"),
              M,
              A));

  /** What no entry names. */
  public static final List<String> DEFAULT_ROLES = List.of(M);

  private static final PathPatternParser PARSER = PathPatternParser.defaultInstance;

  /** The roles that may make a request, by the first entry that fits it. */
  public static List<String> rolesFor(HttpMethod method, String path) {
    PathContainer container = PathContainer.parsePath(path);
    for (ApiAccess access : MATRIX) {
      if (access.method != null && !access.method.equals(method)) {
        continue;
      }
      for (String pattern : access.patterns) {
        PathPattern parsed = PARSER.parse(pattern);
        if (parsed.matches(container)) {
          return access.roles;
        }
      }
    }
    return DEFAULT_ROLES;
  }

  String[] patternArray() {
    return patterns.toArray(String[]::new);
  }

  String[] roleArray() {
    return roles.toArray(String[]::new);
  }

  private static ApiAccess of(HttpMethod method, List<String> patterns, String... roles) {
    return new ApiAccess(method, patterns, List.of(roles));
  }

  private static ApiAccess any(List<String> patterns, String... roles) {
    return new ApiAccess(null, patterns, List.of(roles));
  }
}
