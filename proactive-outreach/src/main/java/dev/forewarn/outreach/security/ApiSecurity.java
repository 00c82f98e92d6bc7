package dev.forewarn.outreach.security;

import static dev.forewarn.outreach.security.Role.AGENT;
import static dev.forewarn.outreach.security.Role.CASE_LINK;
import static dev.forewarn.outreach.security.Role.CUSTOMER;
import static dev.forewarn.outreach.security.Role.MANAGER;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.POST;

import jakarta.servlet.DispatcherType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.web.SecurityFilterChain;

/**
 * {@code /api/**}: who may call what. A caller is an API token or case link ({@code Authorization:
 * Bearer}, no session, no CSRF token needed: a browser never adds that header on its own), or a
 * signed-in browser session (staff or customer; its changes need the CSRF token). Not signed in:
 * 401; the wrong role: 403; both as JSON, never a redirect. What no rule names is for managers.
 */
@Configuration(proxyBeanMethods = false)
class ApiSecurity {

  @Bean
  @Order(ChainOrder.API)
  SecurityFilterChain apiChain(
      HttpSecurity http, BearerTokens bearerTokens, JsonSecurityErrors errors) throws Exception {
    return http.securityMatcher("/api/**")
        .authorizeHttpRequests(ApiSecurity::roles)
        .oauth2ResourceServer(
            bearer ->
                bearer
                    .opaqueToken(opaque -> opaque.introspector(bearerTokens))
                    .authenticationEntryPoint(errors)
                    .accessDeniedHandler(errors))
        .exceptionHandling(e -> e.authenticationEntryPoint(errors).accessDeniedHandler(errors))
        .requestCache(cache -> cache.disable())
        .build();
  }

  /** The role matrix; the module README has it as a table. */
  private static void roles(
      AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry
          api) {
    String manager = MANAGER.name();
    String agent = AGENT.name();
    api.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC)
        .permitAll()
        // The customer's own things; a case link reaches its one case.
        .requestMatchers("/api/me/cases", "/api/me/cases/**")
        .hasAnyRole(CUSTOMER.name(), CASE_LINK)
        .requestMatchers("/api/me", "/api/me/**")
        .hasRole(CUSTOMER.name())
        // Rules: agents read them, managers change them.
        .requestMatchers(GET, "/api/rules", "/api/rules/**")
        .hasAnyRole(manager, agent)
        .requestMatchers("/api/rules", "/api/rules/**")
        .hasRole(manager)
        // Who may sign in and which tokens exist: managers.
        .requestMatchers("/api/users", "/api/users/**", "/api/tokens", "/api/tokens/**")
        .hasRole(manager)
        // Customers and devices: managers register them, agents read them and keep contact
        // details and preferences up to date on the customer's behalf.
        .requestMatchers(POST, "/api/customers", "/api/devices")
        .hasRole(manager)
        .requestMatchers("/api/customers/**", "/api/devices/**")
        .hasAnyRole(manager, agent)
        // Cases, the agent queue and the operator views.
        .requestMatchers("/api/cases", "/api/cases/**", "/api/agent-tasks", "/api/agent-tasks/**")
        .hasAnyRole(manager, agent)
        .requestMatchers(GET, "/api/stats", "/api/dead-letters")
        .hasAnyRole(manager, agent)
        .anyRequest()
        .hasRole(manager);
  }
}
