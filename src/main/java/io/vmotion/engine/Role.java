package io.vmotion.engine;

/**
 * Who logged an engine event: the actors of spec/migration-protocol.md §1 that run as code, plus the
 * harness, which logs the faults it injects so that the checker sees them where they happened.
 */
public enum Role {
  GUEST, SOURCE, DESTINATION, STORAGE, SWITCH, HARNESS
}
