package dev.forewarn.outreach.security.links;

import dev.forewarn.outreach.config.OutreachProperties;
import dev.forewarn.outreach.security.Principals;
import dev.forewarn.outreach.security.SecurityProperties;
import dev.forewarn.outreach.timeline.Timeline;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The links in customer messages: issued per message (each with its own expiry), checked on every
 * use against the signature, the expiry and the case's link generation, and revoked for a whole
 * case at once by raising that generation.
 */
@Service
public class CaseLinks {

  private static final Logger log = LoggerFactory.getLogger(CaseLinks.class);

  /** Why a link is not honoured, in words the page can show. */
  public enum Refusal {
    INVALID("This link is not valid."),
    EXPIRED("This link has expired. The newest message about your device has a fresh one."),
    REVOKED("This link was withdrawn. The newest message about your device has a fresh one.");

    private final String words;

    Refusal(String words) {
      this.words = words;
    }

    /** A sentence for the customer. */
    public String words() {
      return words;
    }
  }

  /** The outcome of checking a link: the case it reaches, or why not. */
  public record Check(Optional<Principals.CaseLink> link, Optional<Refusal> refusal) {
    static Check valid(Principals.CaseLink link) {
      return new Check(Optional.of(link), Optional.empty());
    }

    static Check refused(Refusal refusal) {
      return new Check(Optional.empty(), Optional.of(refusal));
    }
  }

  private final JdbcClient jdbc;
  private final LinkTokenSigner signer;
  private final Duration ttl;
  private final String base;
  private final Timeline timeline;
  private final Clock clock;

  CaseLinks(
      JdbcClient jdbc,
      SecurityProperties security,
      OutreachProperties outreach,
      Timeline timeline,
      Clock clock) {
    this.jdbc = jdbc;
    this.signer = new LinkTokenSigner(security.linkKey().strip().getBytes(StandardCharsets.UTF_8));
    this.ttl = security.linkTtl();
    this.base = outreach.base();
    this.timeline = timeline;
    this.clock = clock;
  }

  /** The self-service URL of a case for a message, given the case's current link generation. */
  public String url(long caseId, int generation) {
    return base + "/c/" + token(caseId, generation, clock.instant().plus(ttl));
  }

  /** A token for a case valid until a given time, with the case's current generation. */
  public String token(long caseId, Instant expiresAt) {
    int generation =
        jdbc.sql("SELECT link_generation FROM cases WHERE id = :id")
            .param("id", caseId)
            .query(Integer.class)
            .single();
    return token(caseId, generation, expiresAt);
  }

  private String token(long caseId, int generation, Instant expiresAt) {
    return signer.sign(new LinkTokenSigner.Claims(caseId, generation, expiresAt));
  }

  /** Checks a token: genuine, not expired, not revoked, and about a case with a customer. */
  public Check check(String token) {
    LinkTokenSigner.Check checked = signer.check(token, clock.instant());
    if (checked instanceof LinkTokenSigner.Refused refused) {
      return Check.refused(
          refused.reason() == LinkTokenSigner.Refusal.EXPIRED ? Refusal.EXPIRED : Refusal.INVALID);
    }
    LinkTokenSigner.Claims claims = ((LinkTokenSigner.Valid) checked).claims();
    return jdbc.sql("SELECT customer_id, link_generation FROM cases WHERE id = :id")
        .param("id", claims.caseId())
        .query(
            (rs, row) -> {
              long customerId = rs.getLong("customer_id");
              if (rs.wasNull()) {
                return Check.refused(Refusal.INVALID);
              }
              return rs.getInt("link_generation") == claims.generation()
                  ? Check.valid(new Principals.CaseLink(claims.caseId(), customerId))
                  : Check.refused(Refusal.REVOKED);
            })
        .optional()
        .orElse(Check.refused(Refusal.INVALID));
  }

  /**
   * Withdraws every link of a case issued so far; messages sent later carry new ones.
   *
   * @return false when there is no such case
   */
  @Transactional
  public boolean revoke(long caseId, String by) {
    boolean revoked =
        jdbc.sql("UPDATE cases SET link_generation = link_generation + 1 WHERE id = :id")
                .param("id", caseId)
                .update()
            == 1;
    if (revoked) {
      timeline.add(caseId, "LINKS_REVOKED", "every link sent so far was withdrawn by " + by);
      log.info("case links revoked case_id={} by={}", caseId, by);
    }
    return revoked;
  }
}
