package dev.forewarn.outreach.security;

import dev.forewarn.outreach.security.signin.SignInCodeFilter;
import dev.forewarn.outreach.security.signin.SignInCodes;
import jakarta.servlet.DispatcherType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;

/**
 * {@code /me/**}: the customer's own pages. A customer signs in at {@code /me/sign-in} with a
 * one-time code sent to one of their contact points (a session cookie; forms carry their CSRF
 * token) and signs out at {@code /me/sign-out}. Everything else under {@code /me} needs a signed-in
 * customer; the pages read through {@code /api/me}, which the API chain guards.
 */
@Configuration(proxyBeanMethods = false)
class CustomerPageSecurity {

  @Bean
  @Order(ChainOrder.CUSTOMER_PAGES)
  SecurityFilterChain customerPageChain(HttpSecurity http, SignInCodes codes) throws Exception {
    return http.securityMatcher("/me", "/me/**")
        .authorizeHttpRequests(
            access ->
                access
                    .dispatcherTypeMatchers(DispatcherType.ERROR, DispatcherType.ASYNC)
                    .permitAll()
                    .requestMatchers(SignInCodeFilter.PATH, SignInCodeFilter.PATH + "/code")
                    .permitAll()
                    .anyRequest()
                    .hasRole(Role.CUSTOMER.name()))
        .addFilterBefore(new SignInCodeFilter(codes), UsernamePasswordAuthenticationFilter.class)
        .exceptionHandling(
            e ->
                e.authenticationEntryPoint(
                    new LoginUrlAuthenticationEntryPoint(SignInCodeFilter.PATH)))
        .logout(
            logout ->
                logout.logoutUrl("/me/sign-out").logoutSuccessUrl(SignInCodeFilter.PATH + "?out"))
        .build();
  }
}
