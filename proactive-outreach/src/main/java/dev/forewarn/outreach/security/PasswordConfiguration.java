package dev.forewarn.outreach.security;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Passwords and sign-in codes are hashed with Spring Security's delegating encoder: bcrypt today,
 * and each stored hash names its algorithm ({@code {bcrypt}…}), so a later change of algorithm
 * keeps the old hashes readable.
 */
@Configuration(proxyBeanMethods = false)
class PasswordConfiguration {

  @Bean
  PasswordEncoder passwordEncoder() {
    return PasswordEncoderFactories.createDelegatingPasswordEncoder();
  }
}
