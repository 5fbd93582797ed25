package io.jais.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jais.api.bucket.Bmd;
import io.jais.api.cluster.NetInfo;
import io.jais.api.cluster.NodeRole;
import io.jais.api.cluster.Smap;
import io.jais.api.cluster.Snode;
import io.jais.api.error.ErrorCode;
import io.jais.api.error.JaisException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which pushed metadata a node takes: from its primary, or from a new primary with a newer map. */
class ClusterStateTest {
  private static final Snode P1 = Snode.of("p1", NodeRole.PROXY, NetInfo.of("http", "127.0.0.1", 1));
  private static final Snode P2 = Snode.of("p2", NodeRole.PROXY, NetInfo.of("http", "127.0.0.1", 2));
  private static final Snode T1 = Snode.of("t1", NodeRole.TARGET, NetInfo.of("http", "127.0.0.1", 3));

  @TempDir
  Path dir;

  private ClusterState joinedTarget() throws Exception {
    ClusterState state = ClusterState.load(T1, dir);
    Smap smap = Smap.empty().withPrimary(P1, "").withNode(P2).withNode(T1).withVersion("u1", 5);
    state.accept(new MetaPayload(smap, Bmd.empty().withVersion("u1", 3), null));
    return state;
  }

  @Test
  void aNewPrimary_withANewerMapNamingItself_isTaken_withTheDocumentsItSends() throws Exception {
    ClusterState state = joinedTarget();
    Smap elected = state.smap().withoutNode("p1").withPrimary(P2, "").withVersion("u1", 6);
    state.acceptFrom("p2", new MetaPayload(elected, Bmd.empty().withVersion("u1", 4), null));
    assertThat(state.smap().isPrimary("p2")).isTrue();
    assertThat(state.bmd().version()).isEqualTo(4);
  }

  @Test
  void anotherNode_withAMapNotNewer_orNotNamingItself_orOfAnotherCluster_isRefused_andChangesNothing()
      throws Exception {
    ClusterState state = joinedTarget();
    Smap stale = state.smap().withPrimary(P2, "").withVersion("u1", 5); // not newer
    Smap namesOther = state.smap().withVersion("u1", 9); // still names p1
    Smap ours = state.smap();
    Smap foreign = new Smap(ours.proxies(), ours.targets(), P2, "u2", "", 9);
    for (Smap smap : new Smap[] {stale, namesOther, foreign}) {
      assertThatThrownBy(() -> state.acceptFrom("p2", new MetaPayload(smap, Bmd.empty().withVersion("u1", 8), null)))
          .isInstanceOfSatisfying(JaisException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
    }
    assertThatThrownBy(() -> state.acceptFrom("p2", new MetaPayload(null, Bmd.empty().withVersion("u1", 8), null)))
        .isInstanceOf(JaisException.class);
    assertThat(state.smap().version()).isEqualTo(5);
    assertThat(state.smap().isPrimary("p1")).isTrue();
    assertThat(state.bmd().version()).isEqualTo(3);
  }
}
