package io.jais.api.error;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The AIS JSON error body (docs/native-api.md#errors); on HEAD it travels in the {@code Hdr-Error}
 * header.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ErrorBody(
    @JsonInclude(JsonInclude.Include.NON_EMPTY) String tcode,
    String message,
    String method,
    @JsonProperty("url_path") String urlPath,
    @JsonProperty("remote_addr") String remoteAddr,
    String caller,
    String node,
    int status) {}
