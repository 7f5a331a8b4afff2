package io.vmotion.rules.facts;

import java.util.Collection;
import java.util.TreeSet;

/**
 * Set arithmetic for rules. Results are {@link Names}, not collections, because a DRL
 * {@code from} over a collection would iterate its elements instead of binding the set.
 */
public final class Sets {

  private Sets() {}

  /** What {@code wanted} has that {@code have} lacks. */
  public static Names minus(Collection<String> wanted, Collection<String> have) {
    TreeSet<String> out = new TreeSet<>(wanted);
    out.removeAll(have);
    return new Names(out);
  }

  public static Names minus(Names wanted, Collection<String> have) {
    return minus(wanted.getNames(), have);
  }

  /** What both have. */
  public static Names common(Collection<String> a, Collection<String> b) {
    TreeSet<String> out = new TreeSet<>(a);
    out.retainAll(b);
    return new Names(out);
  }
}
