/** Wire types of get-batch ({@code GET /v1/ml/moss}): AIS's {@code apc.MossReq} and {@code apc.MossResp}. */
package io.jais.api.batch;
