package io.vmotion.rules;

import java.util.Locale;

/** How bad a finding is; the order is the order of {@code --fail-on}. */
public enum Severity {
  INFO,
  WARNING,
  ERROR;

  public String json() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Severity parse(String s) {
    for (Severity v : values()) if (v.json().equals(s)) return v;
    return null;
  }
}
