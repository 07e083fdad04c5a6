package dev.eddy.tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ParallelTest {
  private int saved;

  @BeforeEach
  void twoThreads() {
    saved = Parallel.threads();
    Parallel.setThreads(2);
  }

  @AfterEach
  void restore() {
    Parallel.setThreads(saved);
  }

  @Test
  void everyIndexRunsExactlyOnceOnTwoThreads() {
    for (int n : new int[] {0, 1, 2, 3, 1000}) {
      int[] hits = new int[n];
      Set<Thread> seen = ConcurrentHashMap.newKeySet();
      for (int round = 0; round < 50; round++) {
        Parallel.forRange(n, 1, (s, e) -> {
          seen.add(Thread.currentThread());
          for (int i = s; i < e; i++) {
            hits[i]++;
          }
        });
      }
      int[] expected = new int[n];
      java.util.Arrays.fill(expected, 50);
      assertArrayEquals(expected, hits, "n=" + n);
      assertTrue(seen.size() <= 2, "n=" + n + ": at most the caller and one worker");
    }
  }

  @Test
  void slowChunksAreSharedWithTheWorker() {
    Set<Thread> seen = ConcurrentHashMap.newKeySet();
    Parallel.forRange(8, 1, (s, e) -> {
      seen.add(Thread.currentThread());
      try {
        Thread.sleep(20);
      } catch (InterruptedException ex) {
        Thread.currentThread().interrupt();
      }
    });
    assertEquals(2, seen.size(), "8 chunks of 20 ms: the worker takes some");
  }

  @Test
  void chunksRespectTheMinimumSize() {
    AtomicInteger calls = new AtomicInteger();
    Parallel.forRange(10, 8, (s, e) -> calls.incrementAndGet());
    assertEquals(1, calls.get(), "10 indices in chunks of at least 8 is one chunk");
  }

  @Test
  void nestedCallsRunInlineAndStillCoverEverything() {
    int[] hits = new int[64];
    Parallel.forRange(8, 1, (s, e) -> {
      for (int row = s; row < e; row++) {
        int r = row;
        Parallel.forRange(8, 1, (s2, e2) -> {
          for (int j = s2; j < e2; j++) {
            hits[r * 8 + j]++;
          }
        });
      }
    });
    for (int h : hits) {
      assertEquals(1, h);
    }
  }

  @Test
  void aWorkersExceptionReachesTheCaller() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> Parallel.forRange(2, 1, (s, end) -> {
          if (s == 1) {
            throw new IllegalStateException("chunk 1 failed");
          }
        }));
    assertEquals("chunk 1 failed", e.getMessage());
    // The pool still works afterwards.
    AtomicInteger sum = new AtomicInteger();
    Parallel.forRange(100, 1, (s, end) -> sum.addAndGet(end - s));
    assertEquals(100, sum.get());
  }

  @Test
  void threadsMustBePositive() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Parallel.setThreads(0));
    assertTrue(e.getMessage().contains("at least 1, got 0"), e.getMessage());
  }
}
