package io.jais.node.s3;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.zip.Checksum;

/**
 * CRC-64/NVME, the {@code x-amz-checksum-crc64nvme} of S3 (the JDK has only CRC32 and CRC32C):
 * reflected polynomial {@code 0xAD93D23594C93659}, initial value and final XOR all ones. Slicing by
 * eight (eight tables, eight bytes a step): about 4x the byte-at-a-time table, so it keeps up with
 * the MD5 every PUT computes anyway.
 */
final class Crc64Nvme implements Checksum {
  private static final long REFLECTED_POLYNOMIAL = 0x9A6C9329AC4BC9B5L;
  private static final long[][] TABLES = new long[8][256];
  private static final VarHandle LITTLE_ENDIAN_LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  static {
    for (int i = 0; i < 256; i++) {
      long crc = i;
      for (int bit = 0; bit < 8; bit++) {
        crc = (crc & 1) != 0 ? (crc >>> 1) ^ REFLECTED_POLYNOMIAL : crc >>> 1;
      }
      TABLES[0][i] = crc;
    }
    for (int k = 1; k < 8; k++) {
      for (int i = 0; i < 256; i++) {
        long previous = TABLES[k - 1][i];
        TABLES[k][i] = (previous >>> 8) ^ TABLES[0][(int) (previous & 0xff)];
      }
    }
  }

  private long crc = -1L;

  @Override
  public void update(int b) {
    crc = TABLES[0][(int) ((crc ^ b) & 0xff)] ^ (crc >>> 8);
  }

  @Override
  public void update(byte[] bytes, int offset, int length) {
    long value = crc;
    int i = offset;
    int end = offset + length;
    long[] t0 = TABLES[0], t1 = TABLES[1], t2 = TABLES[2], t3 = TABLES[3];
    long[] t4 = TABLES[4], t5 = TABLES[5], t6 = TABLES[6], t7 = TABLES[7];
    for (; i + 8 <= end; i += 8) {
      value ^= (long) LITTLE_ENDIAN_LONG.get(bytes, i);
      value = t7[(int) (value & 0xff)] ^ t6[(int) ((value >>> 8) & 0xff)]
          ^ t5[(int) ((value >>> 16) & 0xff)] ^ t4[(int) ((value >>> 24) & 0xff)]
          ^ t3[(int) ((value >>> 32) & 0xff)] ^ t2[(int) ((value >>> 40) & 0xff)]
          ^ t1[(int) ((value >>> 48) & 0xff)] ^ t0[(int) (value >>> 56)];
    }
    for (; i < end; i++) {
      value = t0[(int) ((value ^ bytes[i]) & 0xff)] ^ (value >>> 8);
    }
    crc = value;
  }

  @Override
  public long getValue() {
    return ~crc;
  }

  @Override
  public void reset() {
    crc = -1L;
  }
}
