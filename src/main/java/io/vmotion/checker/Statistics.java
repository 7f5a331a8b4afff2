package io.vmotion.checker;

/** What one exploration cost. {@code depth} is the longest shortest path from an initial state, in steps. */
public record Statistics(long states, long transitions, int depth, double seconds) {
  public double statesPerSecond() {
    return seconds > 0 ? states / seconds : states;
  }
}
