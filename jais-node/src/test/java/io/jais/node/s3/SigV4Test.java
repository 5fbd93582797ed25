package io.jais.node.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Signature V4 against the worked examples in the Amazon S3 documentation. */
class SigV4Test {
  private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
  private static final byte[] KEY = SigV4.signingKey(SECRET, "20130524", "us-east-1", "s3");
  private static final String SCOPE = "20130524/us-east-1/s3/aws4_request";

  @Test
  void getObjectExample_signsAsDocumented() {
    String canonical = String.join("\n", "GET", "/test.txt", "", "host:examplebucket.s3.amazonaws.com",
        "range:bytes=0-9", "x-amz-content-sha256:" + SigV4.EMPTY_SHA256, "x-amz-date:20130524T000000Z", "",
        "host;range;x-amz-content-sha256;x-amz-date", SigV4.EMPTY_SHA256);
    assertThat(SigV4.sha256Hex(canonical))
        .isEqualTo("7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972");
    String stringToSign = SigV4.ALGORITHM + "\n20130524T000000Z\n" + SCOPE + "\n" + SigV4.sha256Hex(canonical);
    assertThat(SigV4.sign(KEY, stringToSign))
        .isEqualTo("f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
  }

  @Test
  void chunkedUploadExample_chunkSignaturesChainFromTheSeed() {
    ChunkSignatures chain = new ChunkSignatures(new SigV4Verifier.Context(KEY, "20130524T000000Z", SCOPE,
        "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9"));
    byte[] first = new byte[65536];
    Arrays.fill(first, (byte) 'a');
    chain.update(first, 0, first.length);
    chain.verifyChunk("ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648");
    byte[] second = new byte[1024];
    Arrays.fill(second, (byte) 'a');
    chain.update(second, 0, second.length);
    chain.verifyChunk("0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497");
    chain.verifyChunk("b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9");
  }

  @Test
  void chunkSignature_thatDoesNotChain_isSignatureDoesNotMatch() {
    ChunkSignatures chain = new ChunkSignatures(new SigV4Verifier.Context(KEY, "20130524T000000Z", SCOPE,
        "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9"));
    chain.update(new byte[] {'b'}, 0, 1);
    assertThatThrownBy(() -> chain.verifyChunk("ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648"))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.error()).isEqualTo(S3Error.SIGNATURE_DOES_NOT_MATCH));
  }

  @Test
  void uriEncode_keepsUnreservedOnly() {
    assertThat(SigV4.uriEncode("a b/c~d+é")).isEqualTo("a%20b%2Fc~d%2B%C3%A9");
  }

  @Test
  void malformedAuthorization_isAuthorizationHeaderMalformed() {
    assertThatThrownBy(() -> SigV4Verifier.fromHeader("AWS4-HMAC-SHA256 Credential=x", "20130524T000000Z"))
        .isInstanceOfSatisfying(S3Exception.class,
            e -> assertThat(e.error()).isEqualTo(S3Error.AUTHORIZATION_HEADER_MALFORMED));
    assertThatThrownBy(() -> SigV4Verifier.fromHeader(null, null))
        .isInstanceOfSatisfying(S3Exception.class, e -> assertThat(e.error()).isEqualTo(S3Error.ACCESS_DENIED));
  }
}
