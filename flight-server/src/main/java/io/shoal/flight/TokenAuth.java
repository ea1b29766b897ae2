package io.shoal.flight;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.flight.CallHeaders;
import org.apache.arrow.flight.CallStatus;
import org.apache.arrow.flight.auth2.Auth2Constants;
import org.apache.arrow.flight.auth2.CallHeaderAuthenticator;

/**
 * Bearer tokens from a tokens file: one {@code token principal} pair per line, {@code #} starts a
 * comment. Every call must carry {@code Authorization: Bearer <token>}; a missing or unknown token
 * is UNAUTHENTICATED. The principal becomes the call's peer identity.
 */
public final class TokenAuth implements CallHeaderAuthenticator {

  private final Map<String, String> principalsByToken;

  private TokenAuth(Map<String, String> principalsByToken) {
    this.principalsByToken = Map.copyOf(principalsByToken);
  }

  /** Reads a tokens file; problems are one-line {@link IllegalArgumentException}s naming file and line. */
  public static TokenAuth load(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(file + ": tokens file not found");
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read tokens file: " + e.getMessage());
    }
    Map<String, String> tokens = new LinkedHashMap<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      int hash = line.indexOf('#');
      if (hash >= 0) line = line.substring(0, hash);
      line = line.strip();
      if (line.isEmpty()) continue;
      String[] parts = line.split("\\s+");
      if (parts.length != 2) {
        throw new IllegalArgumentException(
            file + ":" + (i + 1) + ": expected 'token principal', found " + parts.length + " word(s)");
      }
      if (tokens.put(parts[0], parts[1]) != null) {
        throw new IllegalArgumentException(file + ":" + (i + 1) + ": the same token appears twice");
      }
    }
    if (tokens.isEmpty()) {
      throw new IllegalArgumentException(file + ": no tokens: every call would be refused");
    }
    return new TokenAuth(tokens);
  }

  public static TokenAuth of(Map<String, String> principalsByToken) {
    return new TokenAuth(principalsByToken);
  }

  @Override
  public AuthResult authenticate(CallHeaders headers) {
    String value = headers.get(Auth2Constants.AUTHORIZATION_HEADER);
    if (value == null) {
      throw CallStatus.UNAUTHENTICATED.withDescription("missing bearer token").toRuntimeException();
    }
    if (!value.regionMatches(true, 0, Auth2Constants.BEARER_PREFIX, 0, Auth2Constants.BEARER_PREFIX.length())) {
      throw CallStatus.UNAUTHENTICATED
          .withDescription("only bearer tokens are accepted (Authorization: Bearer <token>)")
          .toRuntimeException();
    }
    String principal = principalOf(value.substring(Auth2Constants.BEARER_PREFIX.length()).strip());
    if (principal == null) {
      throw CallStatus.UNAUTHENTICATED.withDescription("invalid bearer token").toRuntimeException();
    }
    return () -> principal;
  }

  /** Constant-time comparison against every token, so timing does not reveal a token's prefix. */
  private String principalOf(String token) {
    byte[] given = token.getBytes(StandardCharsets.UTF_8);
    String found = null;
    for (var e : principalsByToken.entrySet()) {
      if (MessageDigest.isEqual(given, e.getKey().getBytes(StandardCharsets.UTF_8))) found = e.getValue();
    }
    return found;
  }
}
