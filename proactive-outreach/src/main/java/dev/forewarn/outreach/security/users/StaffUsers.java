package dev.forewarn.outreach.security.users;

import dev.forewarn.outreach.security.Role;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** The staff users table: what the sign-in form checks, and what managers change. */
@Service
public class StaffUsers implements UserDetailsService {

  /** Shorter passwords are refused. */
  public static final int MIN_PASSWORD_LENGTH = 12;

  private static final Logger log = LoggerFactory.getLogger(StaffUsers.class);

  private final JdbcClient jdbc;
  private final PasswordEncoder passwords;

  StaffUsers(JdbcClient jdbc, PasswordEncoder passwords) {
    this.jdbc = jdbc;
    this.passwords = passwords;
  }

  /** A staff user as listed; never the password hash. */
  public record StaffUser(
      long id, String username, Role role, boolean enabled, Instant createdAt) {}

  @Override
  public UserDetails loadUserByUsername(String username) {
    return jdbc.sql(
            "SELECT username, password_hash, role, enabled FROM staff_users"
                + " WHERE username = :username")
        .param("username", username)
        .query(
            (rs, row) ->
                User.withUsername(rs.getString("username"))
                    .password(rs.getString("password_hash"))
                    .roles(rs.getString("role"))
                    .disabled(!rs.getBoolean("enabled"))
                    .build())
        .optional()
        .orElseThrow(() -> new UsernameNotFoundException("no such user"));
  }

  /**
   * Adds a user.
   *
   * @return empty when the name is taken
   */
  public Optional<StaffUser> add(String username, String password, Role role) {
    checkStaff(role);
    checkPassword(password);
    Optional<Long> id =
        jdbc.sql(
                "INSERT INTO staff_users (username, password_hash, role)"
                    + " VALUES (:username, :hash, :role) ON CONFLICT (username) DO NOTHING"
                    + " RETURNING id")
            .param("username", username)
            .param("hash", passwords.encode(password))
            .param("role", role.name())
            .query(Long.class)
            .optional();
    id.ifPresent(n -> log.info("staff user added user={} role={}", username, role));
    return id.flatMap(this::find);
  }

  /** Adds the user, or gives an existing one this password and role and enables it. */
  public StaffUser addOrReset(String username, String password, Role role) {
    checkStaff(role);
    checkPassword(password);
    long id =
        jdbc.sql(
                "INSERT INTO staff_users (username, password_hash, role)"
                    + " VALUES (:username, :hash, :role) ON CONFLICT (username) DO UPDATE"
                    + " SET password_hash = EXCLUDED.password_hash, role = EXCLUDED.role,"
                    + " enabled = true RETURNING id")
            .param("username", username)
            .param("hash", passwords.encode(password))
            .param("role", role.name())
            .query(Long.class)
            .single();
    log.info("staff user set user={} role={}", username, role);
    return find(id).orElseThrow();
  }

  public List<StaffUser> list() {
    return jdbc.sql(SELECT + " ORDER BY id").query(StaffUsers::user).list();
  }

  public Optional<StaffUser> find(String username) {
    return jdbc.sql(SELECT + " WHERE username = :username")
        .param("username", username)
        .query(StaffUsers::user)
        .optional();
  }

  /**
   * Disables a user: the sign-in form refuses them from now on.
   *
   * @return false when there is no such user
   */
  public boolean disable(String username) {
    boolean known =
        jdbc.sql("UPDATE staff_users SET enabled = false WHERE username = :username")
                .param("username", username)
                .update()
            == 1;
    if (known) {
      log.info("staff user disabled user={}", username);
    }
    return known;
  }

  /** Whether any enabled manager exists. */
  public boolean anyManager() {
    return jdbc.sql("SELECT count(*) FROM staff_users WHERE role = 'MANAGER' AND enabled")
            .query(Long.class)
            .single()
        > 0;
  }

  private Optional<StaffUser> find(long id) {
    return jdbc.sql(SELECT + " WHERE id = :id").param("id", id).query(StaffUsers::user).optional();
  }

  private static void checkStaff(Role role) {
    if (role == Role.CUSTOMER) {
      throw new IllegalArgumentException("staff users are managers or agents");
    }
  }

  static void checkPassword(String password) {
    if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
      throw new IllegalArgumentException(
          "a password needs at least " + MIN_PASSWORD_LENGTH + " characters");
    }
  }

  private static final String SELECT =
      "SELECT id, username, role, enabled, created_at FROM staff_users";

  private static StaffUser user(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
    return new StaffUser(
        rs.getLong("id"),
        rs.getString("username"),
        Role.of(rs.getString("role")),
        rs.getBoolean("enabled"),
        rs.getObject("created_at", OffsetDateTime.class).toInstant());
  }
}
