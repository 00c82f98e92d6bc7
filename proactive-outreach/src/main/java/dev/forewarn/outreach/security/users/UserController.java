package dev.forewarn.outreach.security.users;

import dev.forewarn.outreach.security.Role;
import dev.forewarn.outreach.web.BadRequestException;
import dev.forewarn.outreach.web.NotFoundException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.net.URI;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/users}: managers add, list and disable managers and agents. */
@RestController
@RequestMapping("/api/users")
class UserController {

  private final StaffUsers users;

  UserController(StaffUsers users) {
    this.users = users;
  }

  @PostMapping
  ResponseEntity<StaffUsers.StaffUser> add(@Valid @RequestBody NewUser body) {
    if (body.role() == Role.CUSTOMER) {
      throw new BadRequestException("role", "must be MANAGER or AGENT");
    }
    if (body.password() == null || body.password().length() < StaffUsers.MIN_PASSWORD_LENGTH) {
      throw new BadRequestException(
          "password", "must have at least " + StaffUsers.MIN_PASSWORD_LENGTH + " characters");
    }
    return users
        .add(body.username(), body.password(), body.role())
        .map(u -> ResponseEntity.created(URI.create("/api/users/" + u.username())).body(u))
        .orElseThrow(() -> new BadRequestException("username", "is taken"));
  }

  @GetMapping
  List<StaffUsers.StaffUser> list() {
    return users.list();
  }

  /** Disables a user; their next sign-in is refused. A manager cannot disable themself. */
  @DeleteMapping("/{username}")
  ResponseEntity<Void> disable(@PathVariable String username, Authentication caller) {
    if (username.equals(caller.getName())) {
      throw new BadRequestException("username", "you cannot disable yourself");
    }
    if (!users.disable(username)) {
      throw new NotFoundException("no user " + username);
    }
    return ResponseEntity.status(HttpStatus.NO_CONTENT).build();
  }

  /**
   * @param username letters, digits, dot, dash, underscore, 3 to 64
   * @param password at least 12 characters
   * @param role MANAGER or AGENT
   */
  record NewUser(
      @NotNull(message = "is required")
          @Pattern(
              regexp = "[A-Za-z0-9._-]{3,64}",
              message = "must be 3 to 64 letters, digits, dots, dashes or underscores")
          String username,
      String password,
      @NotNull(message = "must be MANAGER or AGENT") Role role) {}
}
