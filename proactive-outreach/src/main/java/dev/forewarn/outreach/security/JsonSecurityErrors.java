package dev.forewarn.outreach.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.forewarn.outreach.web.ApiError;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.stereotype.Component;

/**
 * Refusals of the API in the API's error shape ({@code {"error": ...}}): 401 with {@code
 * WWW-Authenticate: Bearer} for a caller who is not signed in or whose token is not honoured, 403
 * for a caller whose role may not do this or whose browser request lacks its CSRF token. Never a
 * redirect to a sign-in page.
 */
@Component
public class JsonSecurityErrors implements AuthenticationEntryPoint, AccessDeniedHandler {

  private final ObjectMapper json;

  JsonSecurityErrors(ObjectMapper json) {
    this.json = json;
  }

  @Override
  public void commence(
      HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
      throws IOException {
    boolean badToken = failure instanceof OAuth2AuthenticationException;
    response.setHeader("WWW-Authenticate", badToken ? "Bearer error=\"invalid_token\"" : "Bearer");
    write(
        response,
        HttpStatus.UNAUTHORIZED,
        badToken
            ? failure.getMessage()
            : "sign in, or send an API token as Authorization: Bearer <token>");
  }

  /**
   * A caller who is not signed in at all gets 401 even where a CSRF check refused them first: they
   * need to sign in, and a CSRF token would not help.
   */
  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
      throws IOException {
    Authentication caller = SecurityContextHolder.getContext().getAuthentication();
    if (caller == null || caller instanceof AnonymousAuthenticationToken) {
      commence(request, response, new InsufficientAuthenticationException("not signed in"));
      return;
    }
    write(
        response,
        HttpStatus.FORBIDDEN,
        denied instanceof CsrfException
            ? "a request from a signed-in browser needs its CSRF token"
            : "your role may not do this");
  }

  private void write(HttpServletResponse response, HttpStatus status, String error)
      throws IOException {
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    json.writeValue(response.getOutputStream(), new ApiError(null, error));
  }
}
