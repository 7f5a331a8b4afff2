package io.vmotion.inventory.rvtools;

import java.util.Locale;

/**
 * vSphere license product names, as vCenter shows them ("VMware vSphere 8 Enterprise Plus",
 * "VMware vSphere Foundation", "Evaluation Mode"), mapped to inventory v1 edition keys. Names of
 * other products (vSAN, NSX, vCenter Server) are not host editions and map to null.
 */
final class Licenses {

  private Licenses() {}

  static String edition(String product) {
    if (product == null) return null;
    String p = product.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").trim();
    if (p.contains("evaluation")) return "evaluation";
    if (p.contains("cloud foundation") || p.matches(".*\\bvcf\\b.*")) return "vcf";
    if (p.contains("vsphere foundation") || p.matches(".*\\bvvf\\b.*")) return "vsphere-foundation";
    boolean vsphere = p.contains("vsphere") || p.contains("esx") || p.contains("hypervisor");
    if (!vsphere) return null;
    if (p.contains("hypervisor") || p.contains("free")) return "free";
    if (p.contains("enterprise plus") || p.contains("desktop")) return "enterprise-plus";
    if (p.contains("enterprise")) return "enterprise";
    if (p.contains("essentials plus")) return "essentials-plus";
    if (p.contains("essentials")) return "essentials";
    // vSphere Standard, vSphere Standard (VVS), and ROBO Standard/Advanced, which include vMotion.
    if (p.contains("standard") || p.contains("remote office") || p.contains("robo")) return "standard";
    return null;
  }

  /** The first host edition among comma- or semicolon-separated product names. */
  static String firstEdition(String products) {
    if (products == null) return null;
    for (String part : products.split("[,;\\n]")) {
      String e = edition(part);
      if (e != null) return e;
    }
    return null;
  }
}
