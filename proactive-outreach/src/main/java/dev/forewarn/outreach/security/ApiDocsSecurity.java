package dev.forewarn.outreach.security;

import jakarta.servlet.DispatcherType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.AntPathRequestMatcher;

/**
 * The API description ({@code /v3/api-docs}) and Swagger UI ({@code /swagger-ui/**}): for staff,
 * signed in with the console's session or sending a manager's or agent's API token. Customers and
 * anonymous callers get nothing: the description lists every staff endpoint and the deployed
 * version, and no one outside the service team needs them. Without a caller, the description
 * answers 401 (JSON, like the API) and Swagger UI sends the browser to the sign-in form.
 */
@Configuration(proxyBeanMethods = false)
class ApiDocsSecurity {

  static final String[] PATHS = {
    "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml", "/swagger-ui.html", "/swagger-ui/**"
  };

  @Bean
  @Order(ChainOrder.API_DOCS)
  SecurityFilterChain apiDocsChain(
      HttpSecurity http, BearerTokens bearerTokens, JsonSecurityErrors errors) throws Exception {
    return http.securityMatcher(PATHS)
        .authorizeHttpRequests(
            access ->
                access
                    .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC)
                    .permitAll()
                    .anyRequest()
                    .hasAnyRole(Role.MANAGER.name(), Role.AGENT.name()))
        .oauth2ResourceServer(
            bearer ->
                bearer
                    .opaqueToken(opaque -> opaque.introspector(bearerTokens))
                    .authenticationEntryPoint(errors)
                    .accessDeniedHandler(errors))
        .exceptionHandling(
            e ->
                e.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"),
                        new AntPathRequestMatcher("/swagger-ui/**"))
                    .defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"),
                        new AntPathRequestMatcher("/swagger-ui.html"))
                    .defaultAuthenticationEntryPointFor(
                        errors, new AntPathRequestMatcher("/v3/api-docs/**"))
                    .defaultAuthenticationEntryPointFor(
                        errors, new AntPathRequestMatcher("/v3/api-docs*"))
                    .accessDeniedHandler(errors))
        .build();
  }
}
