package dev.forewarn.outreach.security.tokens;

import dev.forewarn.outreach.customers.CustomerRepository;
import dev.forewarn.outreach.security.Role;
import dev.forewarn.outreach.web.BadRequestException;
import dev.forewarn.outreach.web.NotFoundException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/tokens}: managers make, list and revoke API tokens. */
@RestController
@RequestMapping("/api/tokens")
class ApiTokenController {

  private final ApiTokens tokens;
  private final CustomerRepository customers;

  ApiTokenController(ApiTokens tokens, CustomerRepository customers) {
    this.tokens = tokens;
    this.customers = customers;
  }

  /** 201 with the token in {@code token}: the only answer that ever shows it. */
  @PostMapping
  ResponseEntity<ApiTokens.Issued> create(
      @Valid @RequestBody NewToken body, Authentication caller) {
    if (body.role() == Role.CUSTOMER && body.customerId() == null) {
      throw new BadRequestException("customerId", "a CUSTOMER token needs the customer's id");
    }
    if (body.role() != Role.CUSTOMER && body.customerId() != null) {
      throw new BadRequestException("customerId", "only a CUSTOMER token acts for a customer");
    }
    if (body.customerId() != null && customers.find(body.customerId()).isEmpty()) {
      throw new BadRequestException("customerId", "no customer with id " + body.customerId());
    }
    if (body.expiresAt() != null && !body.expiresAt().isAfter(Instant.now())) {
      throw new BadRequestException("expiresAt", "must be in the future");
    }
    ApiTokens.Issued issued =
        tokens.issue(
            body.name().strip(),
            body.role(),
            body.customerId(),
            body.expiresAt(),
            caller.getName());
    return ResponseEntity.created(URI.create("/api/tokens/" + issued.info().id())).body(issued);
  }

  @GetMapping
  List<ApiTokens.TokenInfo> list() {
    return tokens.list();
  }

  /** Revokes a token; it gets 401 from then on. */
  @DeleteMapping("/{id}")
  ResponseEntity<Void> revoke(@PathVariable long id, Authentication caller) {
    if (!tokens.revoke(id, caller.getName())) {
      throw new NotFoundException("no API token with id " + id);
    }
    return ResponseEntity.noContent().build();
  }

  /**
   * @param name what the token is for, e.g. {@code billing-sync}
   * @param role MANAGER, AGENT or CUSTOMER
   * @param customerId the customer a CUSTOMER token acts for
   * @param expiresAt when it stops working; absent: until revoked
   */
  record NewToken(
      @NotBlank(message = "must name what the token is for")
          @Size(max = 100, message = "must be at most 100 characters")
          String name,
      @NotNull(message = "must be MANAGER, AGENT or CUSTOMER") Role role,
      Long customerId,
      Instant expiresAt) {}
}
