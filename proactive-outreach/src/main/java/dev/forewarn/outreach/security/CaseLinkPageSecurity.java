package dev.forewarn.outreach.security;

import jakarta.servlet.DispatcherType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;

/**
 * {@code /c/{token}}: the page a case link opens. The signed token in the path is the credential,
 * checked by the page itself, which says plainly when a link is expired, changed or withdrawn. No
 * session is made; the page's forms carry a CSRF token kept in a cookie. The page is never sent
 * with a {@code Referer} that would carry the link elsewhere.
 */
@Configuration(proxyBeanMethods = false)
class CaseLinkPageSecurity {

  @Bean
  @Order(ChainOrder.CASE_LINK_PAGES)
  SecurityFilterChain caseLinkPageChain(HttpSecurity http) throws Exception {
    CookieCsrfTokenRepository csrf = new CookieCsrfTokenRepository();
    csrf.setCookiePath("/c");
    csrf.setCookieCustomizer(cookie -> cookie.sameSite("Strict"));
    return http.securityMatcher("/c/**")
        .authorizeHttpRequests(
            access ->
                access
                    .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC)
                    .permitAll()
                    .anyRequest()
                    .permitAll())
        .csrf(c -> c.csrfTokenRepository(csrf))
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(cache -> cache.disable())
        .headers(
            headers ->
                headers.referrerPolicy(
                    referrer ->
                        referrer.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)))
        .build();
  }
}
