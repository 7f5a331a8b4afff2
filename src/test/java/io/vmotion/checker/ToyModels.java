package io.vmotion.checker;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.function.Predicate;

/** Small models whose answers are known by hand, to test the checker itself. */
final class ToyModels {
  private ToyModels() {
  }

  /** A base for models whose state is a short array of small ints. */
  abstract static class IntArrayModel implements Model<int[]> {
    @Override
    public byte[] encode(int[] state) {
      ByteBuffer buffer = ByteBuffer.allocate(state.length * 4);
      for (int value : state) {
        buffer.putInt(value);
      }
      return buffer.array();
    }

    @Override
    public int[] decode(byte[] encoded) {
      ByteBuffer buffer = ByteBuffer.wrap(encoded);
      int[] state = new int[encoded.length / 4];
      for (int i = 0; i < state.length; i++) {
        state[i] = buffer.getInt();
      }
      return state;
    }

    @Override
    public String render(int[] state) {
      return java.util.Arrays.toString(state);
    }

    @Override
    public List<Invariant<int[]>> invariants() {
      return List.of();
    }
  }

  /**
   * Two counters, each incremented up to {@code limit - 1}: exactly limit^2 states, 2*limit*(limit-1)
   * transitions, and every state reached first at distance x + y, so depth 2*(limit-1).
   */
  static class Grid extends IntArrayModel {
    final int limit;
    final Predicate<int[]> invariant;

    Grid(int limit, Predicate<int[]> invariant) {
      this.limit = limit;
      this.invariant = invariant;
    }

    Grid(int limit) {
      this(limit, s -> true);
    }

    @Override
    public List<int[]> initialStates() {
      return List.of(new int[] {0, 0});
    }

    @Override
    public void successors(int[] s, SuccessorSink<int[]> sink) {
      if (s[0] + 1 < limit) {
        sink.accept("x++", new int[] {s[0] + 1, s[1]});
      }
      if (s[1] + 1 < limit) {
        sink.accept("y++", new int[] {s[0], s[1] + 1});
      }
    }

    @Override
    public List<Invariant<int[]>> invariants() {
      return List.of(new Invariant<>("grid-invariant", invariant));
    }

    @Override
    public boolean isTerminal(int[] s) {
      return s[0] == limit - 1 && s[1] == limit - 1;
    }
  }

  /** Counts 0, 1, 2 and stops at 2, which is not terminal: the run is stuck. */
  static final class StuckCounter extends IntArrayModel {
    @Override
    public List<int[]> initialStates() {
      return List.of(new int[] {0});
    }

    @Override
    public void successors(int[] s, SuccessorSink<int[]> sink) {
      if (s[0] < 2) {
        sink.accept("count to " + (s[0] + 1), new int[] {s[0] + 1});
      }
      if (s[0] == 0) {
        sink.accept("finish", new int[] {9});
      }
    }

    @Override
    public boolean isTerminal(int[] s) {
      return s[0] == 9;
    }
  }

  /**
   * Two processes each enter a critical section once: idle(0) -> trying(1) -> critical(2) -> done(3).
   * State: [process A, process B, lock holder (0 none, 1 A, 2 B)].
   */
  static final class Mutex extends IntArrayModel {
    static final String MUTUAL_EXCLUSION = "mutual-exclusion";
    final boolean useLock;

    Mutex(boolean useLock) {
      this.useLock = useLock;
    }

    @Override
    public List<int[]> initialStates() {
      return List.of(new int[] {0, 0, 0});
    }

    @Override
    public void successors(int[] s, SuccessorSink<int[]> sink) {
      for (int p = 0; p < 2; p++) {
        String name = p == 0 ? "A" : "B";
        int[] n = s.clone();
        switch (s[p]) {
          case 0 -> {
            n[p] = 1;
            sink.accept(name + " tries", n);
          }
          case 1 -> {
            if (!useLock || s[2] == 0) {
              n[p] = 2;
              if (useLock) {
                n[2] = p + 1;
              }
              sink.accept(name + " enters", n);
            }
          }
          case 2 -> {
            n[p] = 3;
            if (useLock) {
              n[2] = 0;
            }
            sink.accept(name + " leaves", n);
          }
          default -> {
          }
        }
      }
    }

    @Override
    public List<Invariant<int[]>> invariants() {
      return List.of(new Invariant<>(MUTUAL_EXCLUSION, s -> !(s[0] == 2 && s[1] == 2)));
    }

    @Override
    public boolean isTerminal(int[] s) {
      return s[0] == 3 && s[1] == 3;
    }
  }

  /** 0 -> 1 -> 2 -> 3 -> 1 loops forever; 0 -> 4 ends. Optionally 2 may also end. */
  static final class Loop extends IntArrayModel {
    final boolean exitFromLoop;

    Loop(boolean exitFromLoop) {
      this.exitFromLoop = exitFromLoop;
    }

    @Override
    public List<int[]> initialStates() {
      return List.of(new int[] {0});
    }

    @Override
    public void successors(int[] s, SuccessorSink<int[]> sink) {
      switch (s[0]) {
        case 0 -> {
          sink.accept("enter loop", new int[] {1});
          sink.accept("end", new int[] {4});
        }
        case 1 -> sink.accept("one to two", new int[] {2});
        case 2 -> {
          sink.accept("two to three", new int[] {3});
          if (exitFromLoop) {
            sink.accept("leave loop", new int[] {4});
          }
        }
        case 3 -> sink.accept("three back to one", new int[] {1});
        default -> {
        }
      }
    }

    @Override
    public boolean isTerminal(int[] s) {
      return s[0] == 4;
    }
  }

  /**
   * A counter that counts to 2 on its own; in 1 a fault may also break it (to 5), and in 2 only a fault
   * can move it (to 9, terminal): faults are not progress, so 2 is stuck. With {@code repairable},
   * state 5 is repaired back to 1 by the system, so fault and repair can go round for ever.
   */
  static final class FaultyCounter extends IntArrayModel {
    final boolean stuckAtTwo;

    FaultyCounter(boolean stuckAtTwo) {
      this.stuckAtTwo = stuckAtTwo;
    }

    @Override
    public List<int[]> initialStates() {
      return List.of(new int[] {0});
    }

    @Override
    public void successors(int[] s, SuccessorSink<int[]> sink) {
      switch (s[0]) {
        case 0 -> sink.accept("count to 1", new int[] {1});
        case 1 -> {
          sink.accept("count to 2", new int[] {2});
          sink.accept(() -> "fault: break", new int[] {5}, true);
        }
        case 2 -> {
          if (!stuckAtTwo) {
            sink.accept("finish", new int[] {9});
          }
          sink.accept(() -> "fault: crash", new int[] {9}, true);
        }
        case 5 -> sink.accept("repair", new int[] {1});
        default -> {
        }
      }
    }

    @Override
    public boolean isTerminal(int[] s) {
      return s[0] == 9;
    }
  }

  /**
   * Ends in 8 (success) or 7 (failure). Without faults it goes 0 -> 1 -> 8, unless {@code failsWithoutFault},
   * where 1 may also give up to 7 on its own; a fault in 0 leads to 7 in any case.
   */
  static final class Outcomes extends IntArrayModel {
    final boolean failsWithoutFault;

    Outcomes(boolean failsWithoutFault) {
      this.failsWithoutFault = failsWithoutFault;
    }

    @Override
    public List<int[]> initialStates() {
      return List.of(new int[] {0});
    }

    @Override
    public void successors(int[] s, SuccessorSink<int[]> sink) {
      switch (s[0]) {
        case 0 -> {
          sink.accept("start", new int[] {1});
          sink.accept(() -> "fault: lose everything", new int[] {3}, true);
        }
        case 1 -> {
          sink.accept("succeed", new int[] {8});
          if (failsWithoutFault) {
            sink.accept("give up", new int[] {7});
          }
        }
        case 3 -> sink.accept("give up", new int[] {7});
        default -> {
        }
      }
    }

    @Override
    public boolean isTerminal(int[] s) {
      return s[0] == 7 || s[0] == 8;
    }

    @Override
    public boolean isGoal(int[] s) {
      return s[0] == 8;
    }
  }

  /** States of two lengths: [n] counting up, then [n, n] once n reaches 2. */
  static final class TwoLengths extends IntArrayModel {
    @Override
    public List<int[]> initialStates() {
      return List.of(new int[] {0});
    }

    @Override
    public void successors(int[] s, SuccessorSink<int[]> sink) {
      if (s.length == 1 && s[0] < 2) {
        sink.accept("count", new int[] {s[0] + 1});
      } else if (s.length == 1) {
        sink.accept("widen", new int[] {s[0], s[0]});
      } else if (s[1] < 5) {
        sink.accept("count", new int[] {s[0], s[1] + 1});
      }
    }

    @Override
    public boolean isTerminal(int[] s) {
      return s.length == 2 && s[1] == 5;
    }
  }

  /** A single state that steps to itself: the smallest non-terminating cycle. */
  static final class SelfLoop extends IntArrayModel {
    @Override
    public List<int[]> initialStates() {
      return List.of(new int[] {7});
    }

    @Override
    public void successors(int[] s, SuccessorSink<int[]> sink) {
      sink.accept("spin", new int[] {7});
    }

    @Override
    public boolean isTerminal(int[] s) {
      return false;
    }
  }
}
