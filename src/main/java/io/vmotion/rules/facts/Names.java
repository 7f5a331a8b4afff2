package io.vmotion.rules.facts;

import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/** A sorted set of names (features, port groups, datastores) that prints as "a, b, c". */
public final class Names {

  private final SortedSet<String> names;

  public Names(SortedSet<String> names) {
    this.names = Collections.unmodifiableSortedSet(new TreeSet<>(names));
  }

  public SortedSet<String> getNames() { return names; }
  public boolean isEmpty() { return names.isEmpty(); }
  public int getSize() { return names.size(); }
  public boolean contains(String name) { return names.contains(name); }

  @Override
  public boolean equals(Object o) {
    return o instanceof Names n && n.names.equals(names);
  }

  @Override
  public int hashCode() {
    return names.hashCode();
  }

  @Override
  public String toString() {
    return String.join(", ", names);
  }
}
