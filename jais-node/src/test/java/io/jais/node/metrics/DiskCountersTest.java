package io.jais.node.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DiskCountersTest {
  // reads, merged, sectors read, ms reading, writes, merged, sectors written, ms writing, in flight, io ms, ...
  static final String SAMPLE = """
         7       0 loop0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
       254       0 vda 64280 9439 3826394 28908 19390 18369 1543080 5599 0 8824 37099 10369 35 372776 1894 4321 696
       254       1 vda1 100 0 800 10 50 0 400 5 0 60 70
       bogus line
      """;

  @Test
  void parse_readsEveryDeviceLine() {
    Map<String, DiskCounters> devices = DiskCounters.parse(SAMPLE);

    assertThat(devices).containsOnlyKeys("loop0", "vda", "vda1");
    DiskCounters vda = devices.get("vda");
    assertThat(vda.major()).isEqualTo(254);
    assertThat(vda.minor()).isZero();
    assertThat(vda.reads()).isEqualTo(64280);
    assertThat(vda.readBytes()).isEqualTo(3826394L * 512);
    assertThat(vda.writes()).isEqualTo(19390);
    assertThat(vda.writeBytes()).isEqualTo(1543080L * 512);
    assertThat(vda.ioMillis()).isEqualTo(8824);
  }

  @Test
  void since_ratesOverTheInterval() {
    DiskCounters before = new DiskCounters(8, 0, "sda", 100, 1_000_000, 50, 2_000_000, 1_000);
    DiskCounters after = new DiskCounters(8, 0, "sda", 300, 5_000_000, 150, 6_000_000, 1_500);

    DiskRates rates = after.since(before, 2_000_000_000L); // 2 s

    assertThat(rates.readBps()).isEqualTo(2_000_000);
    assertThat(rates.avgReadSize()).isEqualTo(20_000);
    assertThat(rates.writeBps()).isEqualTo(2_000_000);
    assertThat(rates.avgWriteSize()).isEqualTo(40_000);
    assertThat(rates.utilPercent()).isEqualTo(25); // 500 ms busy of 2000
  }

  @Test
  void since_idleDisk_zeroRatesAndSizes() {
    DiskCounters same = new DiskCounters(8, 0, "sda", 100, 1_000, 50, 2_000, 1_000);

    assertThat(same.since(same, 1_000_000_000L)).isEqualTo(new DiskRates(0, 0, 0, 0, 0));
  }

  @Test
  void since_utilizationIsCappedAtOneHundred() {
    DiskCounters before = new DiskCounters(8, 0, "sda", 0, 0, 0, 0, 0);
    DiskCounters after = new DiskCounters(8, 0, "sda", 0, 0, 0, 0, 1_100); // io_ticks can run ahead by a tick

    assertThat(after.since(before, 1_000_000_000L).utilPercent()).isEqualTo(100);
  }

  @Test
  void since_countersWentBackOrNoTimePassed_noRates() {
    DiskCounters before = new DiskCounters(8, 0, "sda", 100, 1_000, 50, 2_000, 1_000);
    DiskCounters reset = new DiskCounters(8, 0, "sda", 1, 10, 1, 20, 5);

    assertThat(reset.since(before, 1_000_000_000L)).isNull();
    assertThat(before.since(before, 0)).isNull();
  }
}
