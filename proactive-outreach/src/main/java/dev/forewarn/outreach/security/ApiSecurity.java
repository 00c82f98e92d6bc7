package dev.forewarn.outreach.security;

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
 * 401; the wrong role: 403; both as JSON, never a redirect. Who may call what is {@link
 * ApiAccess#MATRIX}; what it does not name is for managers.
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

  /** The role matrix of {@link ApiAccess}; the module README has it as a table. */
  private static void roles(
      AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry
          api) {
    api.dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC).permitAll();
    for (ApiAccess access : ApiAccess.MATRIX) {
      (access.method() == null
              ? api.requestMatchers(access.patternArray())
              : api.requestMatchers(access.method(), access.patternArray()))
          .hasAnyRole(access.roleArray());
    }
    api.anyRequest().hasAnyRole(ApiAccess.DEFAULT_ROLES.toArray(String[]::new));
  }
}
