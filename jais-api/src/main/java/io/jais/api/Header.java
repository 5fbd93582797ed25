package io.jais.api;

/** HTTP headers of the AIS native API (docs/native-api.md#objects). */
public final class Header {
  private Header() {}

  public static final String CHECKSUM_TYPE = "Ais-Checksum-Type";
  public static final String CHECKSUM_VALUE = "Ais-Checksum-Value";
  public static final String ATIME = "Ais-Atime";
  public static final String VERSION = "Ais-Version";
  public static final String CUSTOM_MD = "Ais-Custom-Md";
  public static final String BUCKET_NAME = "Ais-Bucket-Name";
  public static final String BUCKET_PROVIDER = "Ais-Bucket-Provider";
  public static final String OBJECT_NAME = "Ais-Name";
  public static final String LOCATION = "Ais-Location";
  public static final String MIRROR_COPIES = "Ais-Mirror-Copies";
  public static final String MIRROR_PATHS = "Ais-Mirror-Paths";
  public static final String PRESENT = "Ais-Present";
  public static final String CHUNKS_COUNT = "Ais-Chunks-Count";
  public static final String CHUNKS_MAX_SIZE = "Ais-Chunks-Max-Chunk-Size";
  public static final String APPEND_HANDLE = "Ais-Append-Handle";
  public static final String XACTION_ID = "Ais-Xaction-Id";
  public static final String BUCKET_PROPS = "Ais-Bucket-Props";
  public static final String BUCKET_SUMMARY = "Ais-Bucket-Summ";
  public static final String ERROR = "Hdr-Error";
  public static final String CLUSTER_UPTIME = "Ais-Cluster-Uptime";
  public static final String NODE_UPTIME = "Ais-Node-Uptime";
  /** The node a {@code /v1/reverse/...} request is for (docs/native-api.md#cluster-and-node). */
  public static final String NODE_ID = "Ais-Node-Id";
  /** Intra-cluster: the sender's node ID. */
  public static final String CALLER_ID = "Ais-Caller-Id";
  /** Intra-cluster credentials: proof that a node of this cluster sent the request (JAIS). */
  public static final String INTRA_AUTH = "Jais-Intra-Auth";
  /** Intra-cluster: the sender's cluster-map version. */
  public static final String CALLER_SMAP_VERSION = "Ais-Caller-Smap-Ver";
}
