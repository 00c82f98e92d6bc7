package dev.forewarn.outreach.notify.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

/**
 * The OAuth 2.0 bearer token for FCM as it is now. Google's access tokens last about an hour, so
 * the token comes from a file that a renewing process (a sidecar, a cron job running {@code gcloud
 * auth print-access-token}) rewrites: it is read again whenever the file's modification time or
 * size changes, and after FCM refused a token as expired.
 */
final class BearerToken {

  private final Path file;
  private final String fixed;
  private FileTime readAt;
  private long readSize = -1;
  private String token;

  private BearerToken(Path file, String fixed) {
    this.file = file;
    this.fixed = fixed;
  }

  static BearerToken of(FcmProperties properties) {
    return properties.accessTokenFile() != null
        ? new BearerToken(properties.accessTokenFile(), null)
        : new BearerToken(null, properties.accessToken().strip());
  }

  /** The current token. */
  synchronized String current() throws IOException {
    if (file == null) {
      return fixed;
    }
    FileTime modified = Files.getLastModifiedTime(file);
    long size = Files.size(file);
    if (token == null || !modified.equals(readAt) || size != readSize) {
      String read = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (read.isEmpty()) {
        throw new IOException("FCM access token file " + file + " is empty");
      }
      token = read;
      readAt = modified;
      readSize = size;
    }
    return token;
  }

  /** FCM refused the token: read the file again on the next send, whatever its time stamp. */
  synchronized void refused() {
    token = null;
  }
}
