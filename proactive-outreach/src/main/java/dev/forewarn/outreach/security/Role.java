package dev.forewarn.outreach.security;

import java.util.List;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * What a caller is to the service. Staff users are managers or agents; API tokens carry any of the
 * three; a customer signs in with a one-time code. Someone holding a case link has none of these
 * roles, only {@link #CASE_LINK}, which reaches that one case.
 */
public enum Role {
  /** Everything staff can do, and rules, users and API tokens. */
  MANAGER,
  /** Reads cases, customers and devices, works the agent queue, acts on cases. */
  AGENT,
  /** A customer: their own devices, cases, inbox and preferences, nothing else. */
  CUSTOMER;

  /** The authority of someone holding a valid case link: one case, nothing else. */
  public static final String CASE_LINK = "CASE_LINK";

  /** The authority of the Prometheus scraper's token: {@code /actuator/prometheus} only. */
  public static final String METRICS_SCRAPER = "METRICS_SCRAPER";

  /** The Spring Security authority for this role, {@code ROLE_MANAGER} and so on. */
  public GrantedAuthority authority() {
    return new SimpleGrantedAuthority("ROLE_" + name());
  }

  public List<GrantedAuthority> authorities() {
    return List.of(authority());
  }

  /** The authorities of a caller who holds a case link. */
  public static List<GrantedAuthority> caseLinkAuthorities() {
    return List.of(new SimpleGrantedAuthority("ROLE_" + CASE_LINK));
  }

  /** Reads a role name as stored; refuses anything else. */
  public static Role of(String name) {
    return Role.valueOf(name);
  }
}
