package io.vmotion.protocol;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Every reachable state of a migration model, for tests that ask what can happen rather than what must. */
final class Reachable {
  private Reachable() {
  }

  static List<MigrationState> states(MigrationModel model) {
    List<MigrationState> all = new ArrayList<>();
    Set<ByteBuffer> seen = new HashSet<>();
    ArrayDeque<MigrationState> queue = new ArrayDeque<>(model.initialStates());
    model.initialStates().forEach(s -> seen.add(ByteBuffer.wrap(model.encode(s))));
    while (!queue.isEmpty()) {
      MigrationState state = queue.poll();
      all.add(state);
      if (model.isTerminal(state)) {
        continue;
      }
      model.steps(state, (step, label, next) -> {
        if (seen.add(ByteBuffer.wrap(model.encode(next)))) {
          queue.add(next);
        }
      });
    }
    return all;
  }
}
