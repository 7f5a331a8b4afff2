package io.vmotion.rules;

/** Where a long evaluation reports how far it is. */
public interface Progress {
  Progress NONE = (phase, done, total) -> {};

  void update(String phase, long done, long total);
}
