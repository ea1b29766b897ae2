package io.shoal.site.config;

/**
 * A site configuration that cannot be used. The message is one line a person can act on, starting
 * with the file and line, e.g. {@code eu.yaml:7: unknown key 'expor' under policy}.
 */
public final class ConfigException extends Exception {
  public ConfigException(String message) {
    super(message);
  }
}
