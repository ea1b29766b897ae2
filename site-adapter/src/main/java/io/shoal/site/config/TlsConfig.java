package io.shoal.site.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.nio.file.Path;

/** PEM files for serving Flight over TLS. */
public record TlsConfig(
    @JsonProperty("cert-chain") Path certChain, @JsonProperty("private-key") Path privateKey) {}
