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
 * Bearer tokens from a tokens file: one {@code token principal [delegate]} line each, {@code #} starts a
 * comment. Every call must carry {@code Authorization: Bearer <token>}; a missing or unknown token
 * is UNAUTHENTICATED. The principal becomes the call's peer identity.
 */
public final class TokenAuth implements CallHeaderAuthenticator {

  private final Map<String, String> principalsByToken;
  private final java.util.Set<String> delegates;

  private TokenAuth(Map<String, String> principalsByToken, java.util.Set<String> delegates) {
    this.principalsByToken = Map.copyOf(principalsByToken);
    this.delegates = java.util.Set.copyOf(delegates);
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
    java.util.Set<String> delegates = new java.util.HashSet<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      int hash = line.indexOf('#');
      if (hash >= 0) line = line.substring(0, hash);
      line = line.strip();
      if (line.isEmpty()) continue;
      String[] parts = line.split("\\s+");
      boolean delegate = parts.length == 3 && parts[2].equals("delegate");
      if (parts.length != 2 && !delegate) {
        throw new IllegalArgumentException(
            file + ":" + (i + 1) + ": expected 'token principal [delegate]', found " + parts.length + " word(s)");
      }
      if (delegate) delegates.add(parts[1]);
      if (tokens.put(parts[0], parts[1]) != null) {
        throw new IllegalArgumentException(file + ":" + (i + 1) + ": the same token appears twice");
      }
    }
    if (tokens.isEmpty()) {
      throw new IllegalArgumentException(file + ": no tokens: every call would be refused");
    }
    return new TokenAuth(tokens, delegates);
  }

  public static TokenAuth of(Map<String, String> principalsByToken) {
    return new TokenAuth(principalsByToken, java.util.Set.of());
  }

  /**
   * Whether a caller may act for the user named in its {@code x-shoal-principal} header: only tokens
   * marked {@code delegate} (a coordinator forwarding its JDBC users) may.
   */
  public boolean mayDelegate(String principal) {
    return delegates.contains(principal);
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
