package io.jais.node.job.kind;

import io.jais.api.ApiPath;
import io.jais.api.QueryParam;
import io.jais.api.bucket.Bucket;
import io.jais.api.cluster.Snode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** The URL of an object on one node: {@code <node>/v1/objects/<bucket>/<name>?provider=..[&namespace=..]}. */
final class ObjectUrl {
  private ObjectUrl() {}

  static URI of(Snode node, Bucket bucket, String name, String extraQuery) {
    StringBuilder url = new StringBuilder(node.url()).append(ApiPath.OBJECTS).append('/').append(bucket.name());
    for (String part : name.split("/", -1)) {
      url.append('/').append(URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20"));
    }
    url.append('?').append(QueryParam.PROVIDER).append('=').append(bucket.provider().wireName());
    if (!bucket.namespace().isGlobal()) {
      url.append('&').append(QueryParam.NAMESPACE).append('=')
          .append(URLEncoder.encode(bucket.namespace().uname(), StandardCharsets.UTF_8));
    }
    if (!extraQuery.isEmpty()) {
      url.append('&').append(extraQuery);
    }
    return URI.create(url.toString());
  }
}
