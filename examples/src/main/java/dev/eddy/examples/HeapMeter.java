package dev.eddy.examples;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;

/**
 * Heap figures for the memory benchmark, from the JVM's management beans.
 *
 * <ul>
 *   <li>{@link #peakBytes()}: the sum over heap pools of each pool's peak use since
 *       {@link #resetPeaks()} ({@link MemoryPoolMXBean#getPeakUsage()}), garbage included. An upper
 *       bound of the heap a run needed; how much garbage it counts depends on the collector and heap size.
 *   <li>{@link #liveBytes()}: heap in use right after a full collection, which is what the run keeps
 *       reachable (the figure that must not grow with the sequence length).
 * </ul>
 */
final class HeapMeter {
  private HeapMeter() {}

  /** Forgets the pools' peaks, after a collection, so that the next peak is the next run's. */
  static void resetPeaks() {
    collect();
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.isValid()) {
        pool.resetPeakUsage();
      }
    }
  }

  /** The sum of the heap pools' peak use since {@link #resetPeaks()}, in bytes. */
  static long peakBytes() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.isValid()) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }

  /** Heap in use after a full collection, in bytes. */
  static long liveBytes() {
    collect();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  /** The most heap the JVM may use ({@code -Xmx}), in bytes. */
  static long maxBytes() {
    return Runtime.getRuntime().maxMemory();
  }

  private static void collect() {
    // Two requests: the second collects what finalization-free cleanup (weak references) freed.
    System.gc();
    System.gc();
  }
}
