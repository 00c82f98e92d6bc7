package dev.forewarn.outreach.security.links;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and checks case link tokens: {@code {caseId}.{generation}.{expiry}.{mac}}, the expiry in
 * epoch seconds written in base 36, the MAC the first 128 bits of HMAC-SHA256 over the other three
 * parts, Base64url. Short enough for an SMS (about 40 characters), readable in a log without
 * telling anything a holder of the link does not already know. Time is passed in.
 */
public final class LinkTokenSigner {

  /** Refusals, from the token alone. */
  public enum Refusal {
    /** Not a token of this shape, or signed with another key, or changed after signing. */
    INVALID,
    /** Genuine but past its expiry. */
    EXPIRED
  }

  /** What a genuine token says. */
  public record Claims(long caseId, int generation, Instant expiresAt) {}

  /** The outcome of a check: the claims, or why the token is refused. */
  public sealed interface Check {}

  /** A genuine token that has not expired. */
  public record Valid(Claims claims) implements Check {}

  /** A refused token. */
  public record Refused(Refusal reason) implements Check {}

  private static final String ALGORITHM = "HmacSHA256";
  private static final int MAC_BYTES = 16;
  private static final Pattern SHAPE =
      Pattern.compile("[0-9]{1,19}\\.[0-9]{1,10}\\.[0-9a-z]{1,13}\\.[A-Za-z0-9_-]{22}");

  private final SecretKeySpec key;

  /**
   * @param key the signing key, at least 32 bytes
   */
  public LinkTokenSigner(byte[] key) {
    if (key.length < 32) {
      throw new IllegalArgumentException("a link signing key needs at least 32 bytes");
    }
    this.key = new SecretKeySpec(key.clone(), ALGORITHM);
  }

  public String sign(Claims claims) {
    if (claims.caseId() < 0 || claims.generation() < 0) {
      throw new IllegalArgumentException("case id and generation must not be negative");
    }
    String body =
        claims.caseId()
            + "."
            + claims.generation()
            + "."
            + Long.toString(claims.expiresAt().getEpochSecond(), 36);
    return body + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(mac(body));
  }

  /** Checks the signature first, so that a changed expiry is refused as invalid, not expired. */
  public Check check(String token, Instant now) {
    if (token == null || !SHAPE.matcher(token).matches()) {
      return new Refused(Refusal.INVALID);
    }
    int lastDot = token.lastIndexOf('.');
    String body = token.substring(0, lastDot);
    byte[] given = Base64.getUrlDecoder().decode(token.substring(lastDot + 1));
    if (!MessageDigest.isEqual(mac(body), given)) {
      return new Refused(Refusal.INVALID);
    }
    String[] parts = body.split("\\.");
    Claims claims;
    try {
      claims =
          new Claims(
              Long.parseLong(parts[0]),
              Integer.parseInt(parts[1]),
              Instant.ofEpochSecond(Long.parseLong(parts[2], 36)));
    } catch (NumberFormatException | java.time.DateTimeException e) {
      return new Refused(Refusal.INVALID);
    }
    if (!now.isBefore(claims.expiresAt())) {
      return new Refused(Refusal.EXPIRED);
    }
    return new Valid(claims);
  }

  private byte[] mac(String body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(key);
      byte[] full = mac.doFinal(("forewarn-case-link:" + body).getBytes(StandardCharsets.UTF_8));
      return Arrays.copyOf(full, MAC_BYTES);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
    }
  }
}
