/**
 * The JAIS Java SDK: {@link io.jais.client.JaisClient} and its sub-APIs for buckets, objects and
 * the cluster, speaking the AIS native HTTP API (docs/native-api.md) over
 * the JDK {@link java.net.http.HttpClient}. Depends on {@code jais-api} (wire records) and
 * Jackson only. Transport, redirects and error parsing are package-private implementation.
 */
package io.jais.client;
