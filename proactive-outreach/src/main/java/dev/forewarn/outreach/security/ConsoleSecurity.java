package dev.forewarn.outreach.security;

import jakarta.servlet.DispatcherType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Everything no other chain took: the staff console. Managers and agents sign in with the form at
 * {@code /login} (a session cookie; every form carries its CSRF token) and sign out at {@code
 * /logout}. Anything else needs a signed-in manager or agent.
 */
@Configuration(proxyBeanMethods = false)
class ConsoleSecurity {

  @Bean
  @Order(ChainOrder.CONSOLE)
  SecurityFilterChain consoleChain(HttpSecurity http) throws Exception {
    return http.authorizeHttpRequests(
            access ->
                access
                    .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC)
                    .permitAll()
                    .requestMatchers("/login", "/error", "/favicon.ico")
                    .permitAll()
                    .anyRequest()
                    .hasAnyRole(Role.MANAGER.name(), Role.AGENT.name()))
        .formLogin(Customizer.withDefaults())
        .logout(Customizer.withDefaults())
        .build();
  }
}
