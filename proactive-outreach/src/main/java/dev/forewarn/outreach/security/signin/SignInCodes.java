package dev.forewarn.outreach.security.signin;

import dev.forewarn.outreach.notify.ChannelKind;
import dev.forewarn.outreach.notify.Masking;
import dev.forewarn.outreach.outbox.OutboxRepository;
import dev.forewarn.outreach.security.SecurityProperties;
import dev.forewarn.outreach.templates.MessageRenderer;
import dev.forewarn.outreach.templates.Rendered;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Issues and checks one-time sign-in codes. A customer types a phone number or email address that
 * is one of their contact points; a six-digit code goes there through the outbox, like any message.
 * The answer to a request is the same whether or not the address is known, so the page tells no one
 * which addresses are customers'.
 */
@Service
public class SignInCodes {

  private static final Logger log = LoggerFactory.getLogger(SignInCodes.class);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern PHONE = Pattern.compile("\\+[1-9][0-9]{1,14}");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");
  static final String STEP = "sign-in-code";

  /** The outcome of asking for a code. */
  public sealed interface Requested {}

  /** A code is on its way, if the address is a customer's. */
  public record Sent(String address) implements Requested {}

  /** The text is neither a phone number in E.164 form nor an email address. */
  public record NotAnAddress() implements Requested {}

  /** Too many codes for this address lately. */
  public record TooMany(Duration retryAfter) implements Requested {}

  private final JdbcClient jdbc;
  private final PasswordEncoder hashes;
  private final OutboxRepository outbox;
  private final MessageRenderer renderer;
  private final SecurityProperties.SignIn limits;
  private final Clock clock;

  SignInCodes(
      JdbcClient jdbc,
      PasswordEncoder hashes,
      OutboxRepository outbox,
      MessageRenderer renderer,
      SecurityProperties security,
      Clock clock) {
    this.jdbc = jdbc;
    this.hashes = hashes;
    this.outbox = outbox;
    this.renderer = renderer;
    this.limits = security.signIn();
    this.clock = clock;
  }

  /** Sends a code to the address when it is exactly one customer's contact point. */
  @Transactional
  public Requested request(String typed) {
    Optional<String> normal = normalize(typed);
    if (normal.isEmpty()) {
      return new NotAnAddress();
    }
    String address = normal.get();
    jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended('forewarn:sign-in:' || :a, 0))")
        .param("a", address)
        .query((rs, row) -> row)
        .list();
    Instant now = clock.instant();
    List<OffsetDateTime> recent =
        jdbc.sql(
                "SELECT created_at FROM sign_in_codes WHERE address = :a AND created_at > :since"
                    + " ORDER BY created_at")
            .param("a", address)
            .param("since", now.minus(limits.window()).atOffset(ZoneOffset.UTC))
            .query(OffsetDateTime.class)
            .list();
    if (recent.size() >= limits.maxCodes()) {
      Instant freeAt = recent.get(0).toInstant().plus(limits.window());
      return new TooMany(Duration.between(now, freeAt));
    }
    ChannelKind channel = address.startsWith("+") ? ChannelKind.SMS : ChannelKind.EMAIL;
    List<Owner> owners =
        jdbc.sql(
                "SELECT DISTINCT cu.id, cu.locale FROM contact_points p"
                    + " JOIN customers cu ON cu.id = p.customer_id"
                    + " WHERE p.channel = :channel AND lower(p.address) = :a")
            .param("channel", channel.code())
            .param("a", address)
            .query((rs, row) -> new Owner(rs.getLong("id"), rs.getString("locale")))
            .list();
    Instant expires = now.plus(limits.codeTtl());
    if (owners.size() != 1) {
      // Kept all the same, so that the limit above counts unknown addresses too.
      jdbc.sql("INSERT INTO sign_in_codes (address, expires_at) VALUES (:a, :expires)")
          .param("a", address)
          .param("expires", expires.atOffset(ZoneOffset.UTC))
          .update();
      log.info(
          "sign-in code not sent to={} reason={}",
          Masking.address(address),
          owners.isEmpty() ? "no customer has this address" : "several customers share it");
      return new Sent(address);
    }
    Owner owner = owners.get(0);
    String code = String.format(Locale.ROOT, "%06d", RANDOM.nextInt(1_000_000));
    long id =
        jdbc.sql(
                "INSERT INTO sign_in_codes (address, customer_id, code_hash, expires_at)"
                    + " VALUES (:a, :customer, :hash, :expires) RETURNING id")
            .param("a", address)
            .param("customer", owner.id())
            .param("hash", hashes.encode(code))
            .param("expires", expires.atOffset(ZoneOffset.UTC))
            .query(Long.class)
            .single();
    Rendered message =
        renderer.signInCode(channel, owner.locale(), code, limits.codeTtl().toMinutes());
    long outboxId =
        outbox.insertWithoutCase(
            STEP + "-" + id,
            STEP,
            channel,
            address,
            message.subject(),
            message.text(),
            message.html());
    log.info(
        "sign-in code queued customer_id={} channel={} to={} outbox_id={}",
        owner.id(),
        channel.code(),
        Masking.address(address),
        outboxId);
    return new Sent(address);
  }

  /**
   * Checks a code against the newest one sent to the address: right, not expired, not used, not
   * tried too often. A right code is used up; a wrong one counts as a try.
   *
   * @return the customer the code signs in
   */
  @Transactional
  public Optional<Long> verify(String typed, String code) {
    Optional<String> address = normalize(typed);
    if (address.isEmpty() || code == null || !code.strip().matches("[0-9]{6}")) {
      return Optional.empty();
    }
    Optional<Pending> newest =
        jdbc.sql(
                "SELECT id, customer_id, code_hash, expires_at, attempts, used_at"
                    + " FROM sign_in_codes WHERE address = :a AND code_hash IS NOT NULL"
                    + " ORDER BY id DESC LIMIT 1 FOR UPDATE")
            .param("a", address.get())
            .query(
                (rs, row) ->
                    new Pending(
                        rs.getLong("id"),
                        rs.getLong("customer_id"),
                        rs.getString("code_hash"),
                        rs.getObject("expires_at", OffsetDateTime.class).toInstant(),
                        rs.getInt("attempts"),
                        rs.getObject("used_at", OffsetDateTime.class) != null))
            .optional();
    if (newest.isEmpty()) {
      return Optional.empty();
    }
    Pending pending = newest.get();
    if (pending.used()
        || !clock.instant().isBefore(pending.expiresAt())
        || pending.attempts() >= limits.maxAttempts()) {
      return Optional.empty();
    }
    if (!hashes.matches(code.strip(), pending.hash())) {
      jdbc.sql("UPDATE sign_in_codes SET attempts = attempts + 1 WHERE id = :id")
          .param("id", pending.id())
          .update();
      return Optional.empty();
    }
    jdbc.sql("UPDATE sign_in_codes SET used_at = now() WHERE id = :id")
        .param("id", pending.id())
        .update();
    log.info("customer signed in customer_id={}", pending.customerId());
    return Optional.of(pending.customerId());
  }

  /** An E.164 number (spaces, dashes and brackets dropped) or an email address, lower case. */
  static Optional<String> normalize(String typed) {
    if (typed == null) {
      return Optional.empty();
    }
    String text = typed.strip();
    if (text.startsWith("+")) {
      String phone = text.replaceAll("[\\s().-]", "");
      return PHONE.matcher(phone).matches() ? Optional.of(phone) : Optional.empty();
    }
    String email = text.toLowerCase(Locale.ROOT);
    return EMAIL.matcher(email).matches() && email.length() <= 254
        ? Optional.of(email)
        : Optional.empty();
  }

  private record Owner(long id, String locale) {}

  private record Pending(
      long id, long customerId, String hash, Instant expiresAt, int attempts, boolean used) {}
}
