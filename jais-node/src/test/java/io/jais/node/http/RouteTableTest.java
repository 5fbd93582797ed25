package io.jais.node.http;

import static io.netty.handler.codec.http.HttpMethod.DELETE;
import static io.netty.handler.codec.http.HttpMethod.GET;
import static io.netty.handler.codec.http.HttpMethod.HEAD;
import static io.netty.handler.codec.http.HttpMethod.PUT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import io.netty.handler.codec.http.HttpMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RouteTableTest {
  private static final Handler OBJECT = r -> Response.text("object");
  private static final Handler BUCKET = r -> Response.text("bucket");
  private static final Handler PREFIX = r -> Response.text("prefix");
  private static final Handler BUCKETS = r -> Response.text("buckets");
  private static final Handler SPECIAL = r -> Response.text("special");

  private final RouteTable table =
      RouteTable.builder()
          .route(GET, "/v1/objects/{bucket}/{object...}", OBJECT)
          .route(PUT, "/v1/objects/{bucket}/{object...}", OBJECT)
          .route(GET, "/v1/buckets", BUCKETS)
          .route(GET, "/v1/buckets/{bucket}", BUCKET)
          .route(HEAD, "/v1/buckets/{bucket}", BUCKET)
          .route(HEAD, "/v1/buckets/{bucket}/{prefix...}", PREFIX)
          .route(GET, "/v1/objects/{bucket}/special", SPECIAL)
          .build();

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "/v1/objects/b/plain.txt            | plain.txt",
        "/v1/objects/b/dir/sub/file         | dir/sub/file",
        "/v1/objects/b/track%3Fname%3Dlofi%26v%3D1 | track?name=lofi&v=1",
        "/v1/objects/b/a%23b                | a#b",
        "/v1/objects/b/100%25               | 100%",
        "/v1/objects/b/a%2Fb/c              | a/b/c",
        "/v1/objects/b/with%20space         | with space",
        "/v1/objects/b/a+b                  | a+b",
        "/v1/objects/b/%E4%BD%A0%E5%A5%BD    | 你好",
        "/v1/objects/b/%2525                | %25",
        "/v1/objects/b/dir/                 | dir/",
        "/v1/objects/b/a//b                 | a//b",
      })
  void match_encodedObjectName_decodesTailExactlyOnce(String path, String expected) {
    RouteMatch match = table.match(GET, path);

    assertThat(match.route().handler()).isSameAs(OBJECT);
    assertThat(match.param("bucket")).isEqualTo("b");
    assertThat(match.param("object")).isEqualTo(expected);
  }

  @Test
  void match_literalSegment_beatsTail() {
    assertThat(table.match(GET, "/v1/objects/b/special").route().handler()).isSameAs(SPECIAL);
    assertThat(table.match(PUT, "/v1/objects/b/special").route().handler()).isSameAs(OBJECT);
  }

  @Test
  void match_patternWithoutTail_servesEmptyRemainder() {
    assertThat(table.match(HEAD, "/v1/buckets/b").route().handler()).isSameAs(BUCKET);
    assertThat(table.match(HEAD, "/v1/buckets/b/").route().handler()).isSameAs(BUCKET);
    assertThat(table.match(HEAD, "/v1/buckets/b/pre/fix").route().handler()).isSameAs(PREFIX);
    assertThat(table.match(HEAD, "/v1/buckets/b/pre/fix").param("prefix")).isEqualTo("pre/fix");
  }

  @Test
  void match_trailingSlashOnLiteral_matches() {
    assertThat(table.match(GET, "/v1/buckets/").route().handler()).isSameAs(BUCKETS);
    assertThat(table.match(GET, "/v1/buckets").route().handler()).isSameAs(BUCKETS);
  }

  @Test
  void match_bucketParam_isDecoded() {
    RouteMatch match = table.match(GET, "/v1/buckets/my%20bck");
    assertThat(match.param("bucket")).isEqualTo("my bck");
  }

  @ParameterizedTest
  @CsvSource({"/v2/objects/b/o", "/v1/objects/b", "/v1/objects/b/", "/", "/v1", "/v1/buckets//x"})
  void match_unknownPath_failsWithNotFound(String path) {
    assertThat(failure(GET, path).code()).isEqualTo(ErrorCode.NOT_FOUND);
  }

  @Test
  void match_knownPathWrongMethod_failsWithMethodNotAllowedAndAllow() {
    RouteMatch match = table.match(DELETE, "/v1/buckets/b");

    assertThat(failure(match).code()).isEqualTo(ErrorCode.METHOD_NOT_ALLOWED);
    assertThat(match.allow()).isEqualTo("GET, HEAD");
  }

  @Test
  void match_methodOnlyOnLessSpecificPattern_usesIt() {
    RouteTable t =
        RouteTable.builder()
            .route(GET, "/v1/objects/{bucket}/special", SPECIAL)
            .route(PUT, "/v1/objects/{bucket}/{object...}", OBJECT)
            .build();

    assertThat(t.match(PUT, "/v1/objects/b/special").route().handler()).isSameAs(OBJECT);
  }

  @ParameterizedTest
  @CsvSource({"/v1/objects/b/bad%zz", "/v1/objects/b/trunc%4", "/v1/objects/b/%C3%28"})
  void match_malformedEscape_failsWithBadRequest(String path) {
    assertThatThrownBy(() -> table.match(GET, path))
        .isInstanceOf(JaisException.class)
        .satisfies(
            e -> assertThat(((JaisException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
  }

  @Test
  void builder_duplicateRoute_throws() {
    assertThatThrownBy(() -> RouteTable.builder().route(GET, "/a", OBJECT).route(GET, "/a", OBJECT))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @CsvSource({"/a/{rest...}/b", "a/b", "/a/{x}/{x}", "/a//b", "/a/{}"})
  void compile_badPattern_throws(String pattern) {
    assertThatThrownBy(() -> RouteTable.builder().route(GET, pattern, OBJECT))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private JaisException failure(HttpMethod method, String path) {
    return failure(table.match(method, path));
  }

  private static JaisException failure(RouteMatch match) {
    try {
      match.route().handler().handle(null);
    } catch (JaisException e) {
      return e;
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    throw new AssertionError("expected a failing route, got " + match.route().pattern());
  }
}
