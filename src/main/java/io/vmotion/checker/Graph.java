package io.vmotion.checker;

import java.util.BitSet;

/**
 * The explored state graph in compressed sparse rows: the edges of state {@code s} are
 * {@code edgeStart(s)} up to {@code edgeStart(s + 1)}, each a target id whose top bit marks a fault.
 * Terminal states were never expanded and have no edges.
 */
final class Graph {
  private static final int FAULT_BIT = 1 << 31;

  private final IntList edgeStart = new IntList();
  private final IntList edges = new IntList();
  private final BitSet terminal = new BitSet();

  void startState(int state, boolean isTerminal) {
    edgeStart.add(edges.size());
    if (isTerminal) {
      terminal.set(state);
    }
  }

  void addEdge(int target, boolean fault) {
    edges.add(fault ? target | FAULT_BIT : target);
  }

  /** Closes the last state's edge list; call once, after every state has been started. */
  void finish() {
    edgeStart.add(edges.size());
  }

  int stateCount() {
    return edgeStart.size() - 1;
  }

  int edgeStart(int state) {
    return edgeStart.get(state);
  }

  int edgeEnd(int state) {
    return edgeStart.get(state + 1);
  }

  int target(int edge) {
    return edges.get(edge) & ~FAULT_BIT;
  }

  boolean isFault(int edge) {
    return edges.get(edge) < 0;
  }

  boolean isTerminal(int state) {
    return terminal.get(state);
  }

  /**
   * Whether no cycle is made of non-fault edges only: a run that goes round for ever without any fault.
   * (A cycle through a fault needs infinitely many faults, which no real run suffers.) Kahn's
   * algorithm: repeatedly removes states that no remaining edge enters; every state is removed exactly
   * when there is no cycle. Far lighter than strongly connected components, so it is what a passing run pays for.
   */
  boolean hasNoFaultFreeCycle() {
    int n = stateCount();
    int[] indegree = new int[n];
    for (int s = 0; s < n; s++) {
      for (int e = edgeStart(s); e < edgeEnd(s); e++) {
        if (!isFault(e)) {
          indegree[target(e)]++;
        }
      }
    }
    int[] queue = new int[n];
    int head = 0;
    int tail = 0;
    for (int s = 0; s < n; s++) {
      if (indegree[s] == 0) {
        queue[tail++] = s;
      }
    }
    while (head < tail) {
      int s = queue[head++];
      for (int e = edgeStart(s); e < edgeEnd(s); e++) {
        if (!isFault(e) && --indegree[target(e)] == 0) {
          queue[tail++] = target(e);
        }
      }
    }
    return tail == n;
  }

  /** The states from which some path, faults included, leads to a terminal state. */
  BitSet statesThatCanFinish() {
    int n = stateCount();
    int[] reverseStart = new int[n + 1];
    for (int s = 0; s < n; s++) {
      for (int e = edgeStart(s); e < edgeEnd(s); e++) {
        reverseStart[target(e) + 1]++;
      }
    }
    for (int s = 0; s < n; s++) {
      reverseStart[s + 1] += reverseStart[s];
    }
    int[] fill = java.util.Arrays.copyOf(reverseStart, n);
    int[] sources = new int[reverseStart[n]];
    for (int s = 0; s < n; s++) {
      for (int e = edgeStart(s); e < edgeEnd(s); e++) {
        sources[fill[target(e)]++] = s;
      }
    }
    BitSet canFinish = new BitSet(n);
    int[] queue = new int[n];
    int tail = 0;
    for (int s = terminal.nextSetBit(0); s >= 0; s = terminal.nextSetBit(s + 1)) {
      canFinish.set(s);
      queue[tail++] = s;
    }
    for (int head = 0; head < tail; head++) {
      int s = queue[head];
      for (int i = reverseStart[s]; i < reverseStart[s + 1]; i++) {
        if (!canFinish.get(sources[i])) {
          canFinish.set(sources[i]);
          queue[tail++] = sources[i];
        }
      }
    }
    return canFinish;
  }

  /**
   * Breadth-first search from the initial states (ids below {@code initialCount}) along non-fault
   * edges only: the runs in which no fault happens. Returns each reached state's predecessor on a
   * shortest such run (-1 for an initial state, -2 for a state no fault-free run reaches).
   */
  int[] faultFreeParents(int initialCount) {
    int n = stateCount();
    int[] parent = new int[n];
    java.util.Arrays.fill(parent, -2);
    int[] queue = new int[n];
    int tail = 0;
    for (int s = 0; s < initialCount; s++) {
      parent[s] = -1;
      queue[tail++] = s;
    }
    for (int head = 0; head < tail; head++) {
      int s = queue[head];
      for (int e = edgeStart(s); e < edgeEnd(s); e++) {
        int t = target(e);
        if (!isFault(e) && parent[t] == -2) {
          parent[t] = s;
          queue[tail++] = t;
        }
      }
    }
    return parent;
  }
}
