package io.vmotion.protocol;

/** One enabled transition of the migration model: its kind, its trace label, and the state it leads to. */
public record Transition(Step step, String label, MigrationState next) {
  public boolean isFault() {
    return step.isFault();
  }
}
