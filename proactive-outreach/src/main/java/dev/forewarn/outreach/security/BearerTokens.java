package dev.forewarn.outreach.security;

import dev.forewarn.outreach.security.links.CaseLinks;
import dev.forewarn.outreach.security.tokens.ApiTokens;
import org.springframework.security.oauth2.core.OAuth2AuthenticatedPrincipal;
import org.springframework.security.oauth2.server.resource.introspection.BadOpaqueTokenException;
import org.springframework.security.oauth2.server.resource.introspection.OpaqueTokenIntrospector;
import org.springframework.stereotype.Component;

/**
 * What an {@code Authorization: Bearer} token stands for: an API token ({@code fw_…}) is looked up
 * by its hash, anything else is read as a case link. A token that is not honoured is refused with a
 * reason the caller can act on, and the request gets 401.
 */
@Component
class BearerTokens implements OpaqueTokenIntrospector {

  private final ApiTokens tokens;
  private final CaseLinks links;

  BearerTokens(ApiTokens tokens, CaseLinks links) {
    this.tokens = tokens;
    this.links = links;
  }

  @Override
  public OAuth2AuthenticatedPrincipal introspect(String token) {
    if (token.startsWith(ApiTokens.PREFIX)) {
      return tokens
          .principal(token)
          .orElseThrow(() -> new BadOpaqueTokenException("unknown, expired or revoked API token"));
    }
    CaseLinks.Check check = links.check(token);
    if (check.link().isPresent()) {
      return check.link().get();
    }
    throw new BadOpaqueTokenException(
        switch (check.refusal().orElseThrow()) {
          case EXPIRED -> "the case link has expired";
          case REVOKED -> "the case link was withdrawn";
          case INVALID -> "not a valid API token or case link";
        });
  }
}
