package io.jais.api.batch;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * A get-batch request (AIS {@code apc.MossReq}).
 *
 * @param in the entries, answered in this order
 * @param mime the output format ({@code .tar} when empty; {@code .tgz}, {@code .tar.gz}, {@code .zip}, {@code .tar.lz4})
 * @param continueOnError missing entries become empty members under {@value #MISSING_DIR}/ instead of failing the request
 * @param onlyObjName name members {@code objname} rather than {@code bucket/objname}
 * @param streaming stream the archive alone; false: a multipart reply of metadata ({@link MossResp}) and archive
 * @param colocation 0 none, 1 target-aware (choose the assembling target by the entries), 2 shard-aware
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MossReq(
    @JsonProperty("in") List<MossIn> in,
    @JsonProperty("mime") String mime,
    @JsonProperty("coer") boolean continueOnError,
    @JsonProperty("onob") boolean onlyObjName,
    @JsonProperty("strm") boolean streaming,
    @JsonProperty("coloc") int colocation) {

  /** Where missing entries go in the output (AIS {@code apc.MossMissingDir}). */
  public static final String MISSING_DIR = "__404__";

  public MossReq {
    in = in == null ? List.of() : List.copyOf(in);
    mime = mime == null ? "" : mime;
  }
}
