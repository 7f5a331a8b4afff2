package io.vmotion.checker;

import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * Finds a cycle of non-fault edges in the explored graph with Tarjan's strongly connected components,
 * iteratively so that deep graphs cannot overflow the call stack. Terminal states were never expanded
 * and have no outgoing edges, so any cycle found is made of non-terminal states only.
 */
final class CycleFinder {
  private final Graph graph;
  private final int stateCount;

  CycleFinder(Graph graph) {
    this.graph = graph;
    this.stateCount = graph.stateCount();
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
      callEdge[0] = graph.edgeStart(root);
      index[root] = low[root] = nextIndex++;
      sccStack[sccTop++] = root;
      onStack[root] = true;
      while (callTop >= 0) {
        int node = callNode[callTop];
        int edge = callEdge[callTop];
        if (edge < graph.edgeEnd(node)) {
          callEdge[callTop]++;
          if (graph.isFault(edge)) {
            continue;
          }
          int target = graph.target(edge);
          if (index[target] < 0) {
            index[target] = low[target] = nextIndex++;
            sccStack[sccTop++] = target;
            onStack[target] = true;
            callTop++;
            callNode[callTop] = target;
            callEdge[callTop] = graph.edgeStart(target);
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
    for (int e = graph.edgeStart(node); e < graph.edgeEnd(node); e++) {
      if (!graph.isFault(e) && graph.target(e) == node) {
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
      for (int e = graph.edgeStart(node); e < graph.edgeEnd(node); e++) {
        int target = graph.target(e);
        if (graph.isFault(e) || !inComponent[target]) {
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

  /**
   * For a start state from which no terminal state can be reached: a path from it that either ends by
   * stepping back to one of its own states, or ends in a state with no successor at all (one of the
   * two always exists), found by depth-first search. Returns the path's states and, as the final
   * element, the index in the path of the state the last one steps back to, or -1 for a dead end.
   */
  int[] lassoFrom(int start) {
    byte[] colour = new byte[stateCount]; // 0 unseen, 1 on the current path, 2 done
    int[] pathNode = new int[stateCount];
    int[] pathEdge = new int[stateCount];
    int[] position = new int[stateCount];
    int top = 0;
    pathNode[0] = start;
    pathEdge[0] = graph.edgeStart(start);
    colour[start] = 1;
    while (top >= 0) {
      int node = pathNode[top];
      int edge = pathEdge[top];
      if (graph.edgeStart(node) == graph.edgeEnd(node)) {
        int[] deadEnd = Arrays.copyOf(pathNode, top + 2);
        deadEnd[top + 1] = -1;
        return deadEnd;
      }
      if (edge < graph.edgeEnd(node)) {
        pathEdge[top]++;
        int target = graph.target(edge);
        if (colour[target] == 1) {
          int[] lasso = Arrays.copyOf(pathNode, top + 2);
          lasso[top + 1] = position[target];
          return lasso;
        }
        if (colour[target] == 0) {
          colour[target] = 1;
          top++;
          pathNode[top] = target;
          pathEdge[top] = graph.edgeStart(target);
          position[target] = top;
        }
        continue;
      }
      colour[node] = 2;
      top--;
    }
    throw new IllegalStateException("a state that cannot finish has neither a cycle nor a dead end after it");
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
