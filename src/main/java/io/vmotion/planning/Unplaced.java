package io.vmotion.planning;

import java.util.List;

/**
 * A powered-on VM that stays on an evacuated host. {@code reasons} starts with the summary ("every
 * host of cl-02 blocks it: cpu.features on 3, resources.capacity on 2"), then one line per
 * candidate host and rule, then each rule's fix.
 */
public record Unplaced(String vm, String host, List<String> reasons) {

  public Unplaced {
    reasons = List.copyOf(reasons);
  }
}
