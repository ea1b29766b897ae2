package io.shoal.site.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;

/** @param tokensFile lines of {@code <token> <principal>}; {@code #} starts a comment */
public record AuthConfig(@JsonProperty("tokens-file") Path tokensFile) {}
