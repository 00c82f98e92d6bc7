package dev.forewarn.outreach.security;

import jakarta.servlet.DispatcherType;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import org.springframework.boot.actuate.autoconfigure.security.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.security.web.SecurityFilterChain;

/**
 * {@code /actuator/**}: health for anyone (status only, no details), the Prometheus scrape for its
 * own token ({@code FOREWARN_SECURITY_SCRAPE_TOKEN}) or a manager, everything else for managers (an
 * API token, or a signed-in session).
 */
@Configuration(proxyBeanMethods = false)
class ActuatorSecurity {

  @Bean
  @Order(ChainOrder.ACTUATOR)
  SecurityFilterChain actuatorChain(
      HttpSecurity http,
      BearerTokens bearerTokens,
      JsonSecurityErrors errors,
      SecurityProperties security)
      throws Exception {
    OpaqueTokenIntrospector scrapeOrApiToken = scrapeOr(security.scrape(), bearerTokens);
    return http.securityMatcher(EndpointRequest.toAnyEndpoint())
        .authorizeHttpRequests(
            access ->
                access
                    .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC)
                    .permitAll()
                    .requestMatchers(EndpointRequest.to("health"))
                    .permitAll()
                    .requestMatchers(EndpointRequest.to("prometheus"))
                    .hasAnyRole(Role.METRICS_SCRAPER, Role.MANAGER.name())
                    .anyRequest()
                    .hasRole(Role.MANAGER.name()))
        .oauth2ResourceServer(
            bearer ->
                bearer
                    .opaqueToken(opaque -> opaque.introspector(scrapeOrApiToken))
                    .authenticationEntryPoint(errors)
                    .accessDeniedHandler(errors))
        .exceptionHandling(e -> e.authenticationEntryPoint(errors).accessDeniedHandler(errors))
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.NEVER))
        .requestCache(cache -> cache.disable())
        .build();
  }

  /** The scrape token first (compared in constant time), else an API token. */
  private static OpaqueTokenIntrospector scrapeOr(
      Optional<String> scrapeToken, OpaqueTokenIntrospector apiTokens) {
    byte[] expected = scrapeToken.map(t -> t.getBytes(StandardCharsets.UTF_8)).orElse(null);
    return token -> {
      if (expected != null
          && MessageDigest.isEqual(expected, token.getBytes(StandardCharsets.UTF_8))) {
        return new Principals.MetricsScraper();
      }
      return apiTokens.introspect(token);
    };
  }
}
