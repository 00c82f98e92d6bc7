package dev.forewarn.outreach.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * {@code /assets/**} and {@code /webjars/**}: the style sheets and scripts of the pages, the same
 * for everyone and holding nothing of anyone's, so that a page a case link opens can load them
 * without signing in. Read only; no session is made.
 */
@Configuration(proxyBeanMethods = false)
class StaticAssetSecurity {

  @Bean
  @Order(ChainOrder.STATIC_ASSETS)
  SecurityFilterChain staticAssetChain(HttpSecurity http) throws Exception {
    return http.securityMatcher("/assets/**", "/webjars/**")
        .authorizeHttpRequests(
            access -> access.requestMatchers(HttpMethod.GET).permitAll().anyRequest().denyAll())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(cache -> cache.disable())
        .build();
  }
}
