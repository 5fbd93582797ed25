package io.jais.node.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jais.api.bucket.Bucket;
import io.jais.api.bucket.Namespace;
import io.jais.api.bucket.Provider;
import io.jais.api.error.JaisException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FqnTest {
  @TempDir Path root;

  @Test
  void of_globalAisBucket_followsAisLayout() throws Exception {
    Mountpath mountpath = Mountpath.open(root.resolve("mp1"));
    Fqn fqn = Fqn.of(mountpath, Bucket.ais("b"), "dir/obj.bin");

    assertThat(fqn.path()).isEqualTo(root.resolve("mp1/@ais/b/%ob/dir/obj.bin"));
    assertThat(fqn.sidecarPath()).isEqualTo(root.resolve("mp1/@ais/b/%md/dir/obj.bin"));
    assertThat(fqn.workDir()).isEqualTo(root.resolve("mp1/@ais/b/%wk"));
  }

  @Test
  void of_namespacedBucket_addsNamespaceDirectory() throws Exception {
    Mountpath mountpath = Mountpath.open(root);
    Bucket bucket = new Bucket("b", Provider.AWS, new Namespace("", "ns"));

    assertThat(Fqn.of(mountpath, bucket, "o").path()).isEqualTo(root.resolve("@aws/#ns/b/%ob/o"));
  }

  @Test
  void of_traversalAttempts_areEscapedUnderAHashInsideTheBucket() throws Exception {
    Mountpath mountpath = Mountpath.open(root);
    Path escapedDir = root.resolve("@ais/b/%ob/.jais-long");
    for (String name : new String[] {"../../../etc/passwd", "/abs", "a/../../%wk/x", "..", ".jais-long/x", "d/"}) {
      Fqn fqn = Fqn.of(mountpath, Bucket.ais("b"), name);
      assertThat(fqn.escaped()).isTrue();
      assertThat(fqn.path().getParent()).isEqualTo(escapedDir);
      assertThat(fqn.path().getFileName().toString()).matches("[0-9a-f]{16}");
      assertThat(fqn.sidecarPath().getParent()).isEqualTo(root.resolve("@ais/b/%md/.jais-long"));
    }
    assertThatThrownBy(() -> Fqn.of(mountpath, Bucket.ais("b"), "nul\0")).isInstanceOf(JaisException.class);
    assertThatThrownBy(() -> Fqn.bucketDir(mountpath, Bucket.ais(".."))).isInstanceOf(JaisException.class);
  }

  @Test
  void mountpath_digest_dependsOnlyOnThePath() throws Exception {
    assertThat(Mountpath.open(root.resolve("x")).digest()).isEqualTo(Mountpath.open(root.resolve("y/../x")).digest());
  }
}
