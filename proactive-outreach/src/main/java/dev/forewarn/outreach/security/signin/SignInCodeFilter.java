package dev.forewarn.outreach.security.signin;

import dev.forewarn.outreach.security.Principals;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AbstractAuthenticationProcessingFilter;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationFailureHandler;
import org.springframework.security.web.authentication.SimpleUrlAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.session.ChangeSessionIdAuthenticationStrategy;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * {@code POST /me/sign-in} with {@code address} and {@code code}: a right code signs the customer
 * in (a new session id, the {@code CUSTOMER} role) and goes to {@code /me}; anything else goes back
 * to the sign-in page with a plain error. The CSRF check runs before it, as for any form.
 */
public final class SignInCodeFilter extends AbstractAuthenticationProcessingFilter {

  public static final String PATH = "/me/sign-in";

  private final SignInCodes codes;

  public SignInCodeFilter(SignInCodes codes) {
    super(PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, PATH));
    this.codes = codes;
    setAuthenticationManager(
        authentication -> {
          throw new IllegalStateException("codes are checked by the filter itself");
        });
    setSessionAuthenticationStrategy(new ChangeSessionIdAuthenticationStrategy());
    setSecurityContextRepository(new HttpSessionSecurityContextRepository());
    setAuthenticationSuccessHandler(new SimpleUrlAuthenticationSuccessHandler("/me"));
    setAuthenticationFailureHandler(new SimpleUrlAuthenticationFailureHandler(PATH + "?error"));
  }

  @Override
  public Authentication attemptAuthentication(
      HttpServletRequest request, HttpServletResponse response) {
    Principals.Customer customer =
        codes
            .verify(request.getParameter("address"), request.getParameter("code"))
            .map(Principals.Customer::new)
            .orElseThrow(() -> new BadCredentialsException("the code is wrong or no longer valid"));
    return UsernamePasswordAuthenticationToken.authenticated(
        customer, null, customer.getAuthorities());
  }
}
