package dev.forewarn.outreach.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.NullSecurityContextRepository;

/**
 * {@code /webhooks/twilio/**}: Twilio cannot sign in, carry a session or a CSRF token; every
 * request proves itself with its {@code X-Twilio-Signature}, which the webhook controller checks
 * before it changes anything. So this chain lets requests through without a session, and it is the
 * only form endpoint exempt from CSRF.
 */
@Configuration(proxyBeanMethods = false)
class WebhookSecurity {

  @Bean
  @Order(ChainOrder.WEBHOOKS)
  SecurityFilterChain webhookChain(HttpSecurity http) throws Exception {
    return http.securityMatcher("/webhooks/twilio/**")
        .authorizeHttpRequests(access -> access.anyRequest().permitAll())
        .csrf(csrf -> csrf.disable())
        .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .securityContext(c -> c.securityContextRepository(new NullSecurityContextRepository()))
        .requestCache(cache -> cache.disable())
        .build();
  }
}
