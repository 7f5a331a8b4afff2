package io.vmotion.checker;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Finds a cycle in the explored graph with Tarjan's strongly connected components, iteratively so
 * that deep graphs cannot overflow the call stack. Terminal states were never expanded and have no
 * outgoing edges, so any cycle found is made of non-terminal states only.
 */
final class CycleFinder {
  private final IntList edgeStart;
  private final IntList edgeTargets;
  private final int stateCount;

  CycleFinder(IntList edgeStart, IntList edgeTargets, int stateCount) {
    this.edgeStart = edgeStart;
    this.edgeTargets = edgeTargets;
    this.stateCount = stateCount;
  }

  /**
   * Returns the state ids of one cycle, starting at the lowest id of its component (the one
   * closest to an initial state in BFS order), without repeating the first at the end; null when acyclic.
   */
  int[] findCycle() {
    int[] component = cyclicComponent();
    return component == null ? null : shortestCycleThrough(component);
  }

  private int[] cyclicComponent() {
    int[] index = new int[stateCount];
    int[] low = new int[stateCount];
    boolean[] onStack = new boolean[stateCount];
    Arrays.fill(index, -1);
    int[] sccStack = new int[stateCount];
    int sccTop = 0;
    int[] callNode = new int[stateCount];
    int[] callEdge = new int[stateCount];
    int nextIndex = 0;
    int[] best = null;
    for (int root = 0; root < stateCount; root++) {
      if (index[root] >= 0) {
        continue;
      }
      int callTop = 0;
      callNode[0] = root;
      callEdge[0] = edgeStart.get(root);
      index[root] = low[root] = nextIndex++;
      sccStack[sccTop++] = root;
      onStack[root] = true;
      while (callTop >= 0) {
        int node = callNode[callTop];
        int edge = callEdge[callTop];
        if (edge < edgeStart.get(node + 1)) {
          callEdge[callTop]++;
          int target = edgeTargets.get(edge);
          if (index[target] < 0) {
            index[target] = low[target] = nextIndex++;
            sccStack[sccTop++] = target;
            onStack[target] = true;
            callTop++;
            callNode[callTop] = target;
            callEdge[callTop] = edgeStart.get(target);
          } else if (onStack[target]) {
            low[node] = Math.min(low[node], index[target]);
          }
          continue;
        }
        if (low[node] == index[node]) {
          int start = sccTop;
          do {
            start--;
            onStack[sccStack[start]] = false;
          } while (sccStack[start] != node);
          int[] members = Arrays.copyOfRange(sccStack, start, sccTop);
          sccTop = start;
          if (isCyclic(members) && (best == null || min(members) < min(best))) {
            best = members;
          }
        }
        callTop--;
        if (callTop >= 0) {
          int caller = callNode[callTop];
          low[caller] = Math.min(low[caller], low[node]);
        }
      }
    }
    return best;
  }

  private boolean isCyclic(int[] members) {
    if (members.length > 1) {
      return true;
    }
    int node = members[0];
    for (int e = edgeStart.get(node); e < edgeStart.get(node + 1); e++) {
      if (edgeTargets.get(e) == node) {
        return true;
      }
    }
    return false;
  }

  /** Breadth-first search inside the component from its lowest id back to itself. */
  private int[] shortestCycleThrough(int[] members) {
    int start = min(members);
    boolean[] inComponent = new boolean[stateCount];
    for (int m : members) {
      inComponent[m] = true;
    }
    int[] previous = new int[stateCount];
    Arrays.fill(previous, -2);
    ArrayDeque<Integer> queue = new ArrayDeque<>();
    queue.add(start);
    previous[start] = -1;
    while (!queue.isEmpty()) {
      int node = queue.poll();
      for (int e = edgeStart.get(node); e < edgeStart.get(node + 1); e++) {
        int target = edgeTargets.get(e);
        if (!inComponent[target]) {
          continue;
        }
        if (target == start) {
          return pathBack(previous, node, start);
        }
        if (previous[target] == -2) {
          previous[target] = node;
          queue.add(target);
        }
      }
    }
    throw new IllegalStateException("a cyclic component has no cycle through its first state");
  }

  private static int[] pathBack(int[] previous, int last, int start) {
    ArrayDeque<Integer> path = new ArrayDeque<>();
    for (int node = last; node != -1; node = previous[node]) {
      path.addFirst(node);
    }
    return path.stream().mapToInt(Integer::intValue).toArray();
  }

  private static int min(int[] values) {
    return Arrays.stream(values).min().orElseThrow();
  }
}
