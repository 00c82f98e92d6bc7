package dev.forewarn.outreach.security;

import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The first manager ({@code FOREWARN_ADMIN_USER}, and {@code FOREWARN_ADMIN_PASSWORD} or a file
 * named by {@code FOREWARN_ADMIN_PASSWORD_FILE}), created at startup when no user of that name
 * exists. There is no default: without both, no manager is created.
 *
 * @param user the manager's user name
 * @param password the manager's password, at least 12 characters
 */
@ConfigurationProperties("forewarn.admin")
public record FirstManagerProperties(String user, String password) {

  public Optional<FirstManagerProperties> given() {
    boolean hasUser = user != null && !user.isBlank();
    boolean hasPassword = password != null && !password.isBlank();
    if (hasUser != hasPassword) {
      throw new IllegalArgumentException(
          "forewarn.admin: give both the user (FOREWARN_ADMIN_USER) and the password"
              + " (FOREWARN_ADMIN_PASSWORD or FOREWARN_ADMIN_PASSWORD_FILE), or neither");
    }
    return hasUser ? Optional.of(this) : Optional.empty();
  }

  @Override
  public String toString() {
    return "FirstManagerProperties[user=" + user + ", password=(hidden)]";
  }
}
