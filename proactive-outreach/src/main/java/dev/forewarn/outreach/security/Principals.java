package dev.forewarn.outreach.security;

import java.io.Serializable;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;

/**
 * The principals a bearer token or a customer sign-in stands for. A staff member signed in with the
 * form is Spring Security's own {@code User}.
 */
public final class Principals {

  private Principals() {}

  /** A staff member's API token (a script or another service acting as manager or agent). */
  public record Staff(String name, Role role) implements OAuth2AuthenticatedPrincipal {
    @Override
    public Map<String, Object> getAttributes() {
      return Map.of("role", role.name());
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
      return role.authorities();
    }

    @Override
    public String getName() {
      return name;
    }
  }

  /** A customer: signed in with a one-time code, or through a CUSTOMER API token. */
  public record Customer(long customerId)
      implements OAuth2AuthenticatedPrincipal, CustomerScope, Serializable {
    @Override
    public Optional<Long> onlyCase() {
      return Optional.empty();
    }

    @Override
    public Map<String, Object> getAttributes() {
      return Map.of("customer_id", customerId);
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
      return Role.CUSTOMER.authorities();
    }

    @Override
    public String getName() {
      return "customer-" + customerId;
    }
  }

  /** Someone holding the link of one case, from a message sent to the case's customer. */
  public record CaseLink(long caseId, long customerId)
      implements OAuth2AuthenticatedPrincipal, CustomerScope {
    @Override
    public Optional<Long> onlyCase() {
      return Optional.of(caseId);
    }

    @Override
    public Map<String, Object> getAttributes() {
      return Map.of("case_id", caseId, "customer_id", customerId);
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
      return Role.caseLinkAuthorities();
    }

    @Override
    public String getName() {
      return "case-link-" + caseId;
    }
  }

  /** The Prometheus scraper's token. */
  public record MetricsScraper() implements OAuth2AuthenticatedPrincipal {
    @Override
    public Map<String, Object> getAttributes() {
      return Map.of();
    }

    @Override
    public Collection<? extends GrantedAuthority> getAuthorities() {
      return List.of(new SimpleGrantedAuthority("ROLE_" + Role.METRICS_SCRAPER));
    }

    @Override
    public String getName() {
      return "prometheus-scraper";
    }
  }
}
