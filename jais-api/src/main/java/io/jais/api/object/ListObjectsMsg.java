package io.jais.api.object;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.jais.api.json.U64String;

/**
 * A list-objects request, the ActMsg value of {@code action:"list"} (docs/native-api.md#listing-objects,
 * AIS LsoMsg).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ListObjectsMsg(
    String prefix,
    @JsonDeserialize(using = U64String.Reader.class) long pagesize,
    String uuid,
    String props,
    @JsonProperty("continuation_token") String continuationToken,
    @JsonSerialize(using = U64String.Unsigned.class) @JsonDeserialize(using = U64String.Reader.class) long flags,
    String target,
    @JsonProperty("start_after") String startAfter) {

  public ListObjectsMsg {
    prefix = prefix == null ? "" : prefix;
    uuid = uuid == null ? "" : uuid;
    props = props == null ? "" : props;
    continuationToken = continuationToken == null ? "" : continuationToken;
    target = target == null ? "" : target;
    startAfter = startAfter == null ? "" : startAfter;
  }

  public static ListObjectsMsg of(String prefix, long pageSize) {
    return new ListObjectsMsg(prefix, pageSize, "", "", "", 0, "", "");
  }

  public boolean has(long flag) {
    return (flags & flag) != 0;
  }

  public ListObjectsMsg withPage(String newUuid, String token) {
    return new ListObjectsMsg(prefix, pagesize, newUuid, props, token, flags, target, "");
  }

  public ListObjectsMsg withProps(String newProps) {
    return new ListObjectsMsg(prefix, pagesize, uuid, newProps, continuationToken, flags, target, startAfter);
  }

  public ListObjectsMsg withFlags(long newFlags) {
    return new ListObjectsMsg(prefix, pagesize, uuid, props, continuationToken, newFlags, target, startAfter);
  }

  public ListObjectsMsg withStartAfter(String name) {
    return new ListObjectsMsg(prefix, pagesize, uuid, props, continuationToken, flags, target, name);
  }
}
