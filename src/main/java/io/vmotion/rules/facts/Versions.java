package io.vmotion.rules.facts;

import io.vmotion.inventory.EsxiVersion;

/** ESXi versions as VMware writes them in messages. */
public final class Versions {
  private Versions() {}

  /** "7.0.3" becomes "7.0 U3"; text that is not a version is returned as it is. */
  public static String display(String version) {
    try {
      return EsxiVersion.parse(version).display();
    } catch (IllegalArgumentException e) {
      return version;
    }
  }
}
