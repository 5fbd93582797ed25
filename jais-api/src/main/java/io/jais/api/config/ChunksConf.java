package io.jais.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Chunked storage of large objects; {@code objsize_limit} "0B" means never chunk. */
public record ChunksConf(@JsonProperty("objsize_limit") String objSizeLimit) {
  public static final ChunksConf DEFAULT = new ChunksConf("0B");

  public ChunksConf {
    objSizeLimit = objSizeLimit == null || objSizeLimit.isEmpty() ? "0B" : objSizeLimit;
    IecSize.parse("chunks.objsize_limit", objSizeLimit);
  }
}
