package io.vmotion.inventory.vsphere;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Maps a vSphere license to an inventory v1 license key (io.vmotion.inventory.InventoryReader.LICENSES),
 * from what LicenseManagerLicenseInfo carries: its edition key ("esx.enterprisePlus.cpuPackage",
 * "esx.vcf.entitlement.cpuCoreMin", "eval") and its display name ("VMware vSphere 8 Enterprise Plus",
 * "Evaluation Mode"). Public so that other importers can map product names the same way.
 *
 * <p>The edition key is tried first: its first part names the product (only "esx" is a host edition;
 * "vc", "vsan", "nsx" are not), its second the edition. The name is read by its words, as
 * docs/importing.md ("Licenses") describes. Returns null for licenses that are not host editions
 * or that neither says enough about.
 */
public final class LicenseEditions {

  private LicenseEditions() {}

  /** Products whose licenses are never a host edition, even when a name also says "vSphere". */
  private static final List<String> OTHER_PRODUCTS = List.of("vcenter", "vsan", "nsx", "horizon", "aria", "vrealize", "tanzu kubernetes grid", "site recovery");

  /** Words that mark a name as a vSphere host product. */
  private static final Set<String> HOST_PRODUCT_WORDS = Set.of("vsphere", "esx", "esxi", "hypervisor");

  /**
   * The license key for a license's edition key, name and product name (the "ProductName"
   * property, e.g. "VMware ESX Server"); any may be null. {@code assignedToHost} says the license
   * is assigned to a HostSystem, which makes a bare name such as "Essentials Plus" a host edition.
   */
  public static String edition(String editionKey, String name, String productName, boolean assignedToHost) {
    // An evaluation license names the product it evaluates ("... Enterprise Plus"): it is still evaluation.
    if (editionKey != null && editionKey.trim().toLowerCase(Locale.ROOT).startsWith("eval")) return "evaluation";
    if (name != null && words(name).contains(" evaluation ")) return "evaluation";
    KeyVerdict byKey = fromEditionKey(editionKey);
    if (byKey.notHost) return null;
    if (byKey.edition != null) return byKey.edition;
    boolean host = assignedToHost || byKey.hostProduct || (productName != null && words(productName).matches(".* esxi? .*"));
    return fromName(name, host);
  }

  /** The license key for a product name alone ("VMware vSphere 8 Standard"), as RVTools shows it. */
  public static String fromName(String name) {
    return fromName(name, false);
  }

  /**
   * The license key for a product name. Without {@code hostProduct}, the name itself must say it
   * is a vSphere/ESXi product, so that "vSAN Enterprise" is not read as a host edition.
   */
  public static String fromName(String name, boolean hostProduct) {
    if (name == null) return null;
    String w = words(name);
    if (w.isBlank()) return null;
    if (w.contains(" evaluation ")) return "evaluation";
    if (w.contains(" cloud foundation ") || w.contains(" vcf ")) return "vcf";
    if (w.contains(" vsphere foundation ") || w.contains(" vvf ")) return "vsphere-foundation";
    for (String other : OTHER_PRODUCTS) {
      if (w.contains(" " + other + " ")) return null;
    }
    boolean host = hostProduct;
    for (String word : w.trim().split(" ")) host |= HOST_PRODUCT_WORDS.contains(word);
    if (!host) return null;
    if (w.contains(" hypervisor ") || w.contains(" free ")) return "free";
    if (w.contains(" enterprise plus ") || w.contains(" desktop ")) return "enterprise-plus";
    if (w.contains(" enterprise ")) return "enterprise";
    if (w.contains(" essentials plus ")) return "essentials-plus";
    if (w.contains(" essentials ")) return "essentials";
    // Standard, and ROBO (remote office / branch office) Standard and Advanced, which include vMotion.
    if (w.contains(" standard ") || w.contains(" remote office ") || w.contains(" robo ")) return "standard";
    return null;
  }

  /** What an edition key says: a host edition, a product that is not a host, or nothing. */
  private record KeyVerdict(String edition, boolean notHost, boolean hostProduct) {
    static final KeyVerdict NOTHING = new KeyVerdict(null, false, false);
  }

  private static KeyVerdict fromEditionKey(String editionKey) {
    if (editionKey == null || editionKey.isBlank()) return KeyVerdict.NOTHING;
    String key = editionKey.trim().toLowerCase(Locale.ROOT);
    String[] parts = key.split("\\.");
    if (parts.length == 1) {
      // Keys without a dot are older product-wide keys; "esxBasic" is the free vSphere Hypervisor.
      if (key.equals("esxbasic")) return new KeyVerdict("free", false, true);
      return new KeyVerdict(null, false, key.startsWith("esx"));
    }
    if (!parts[0].equals("esx")) return new KeyVerdict(null, true, false);
    String e = parts[1];
    String edition;
    if (e.contains("vcf")) edition = "vcf";
    else if (e.contains("vvf") || e.contains("foundation")) edition = "vsphere-foundation";
    else if (e.contains("hypervisor") || e.contains("free") || e.contains("basic")) edition = "free";
    else if (e.contains("enterpriseplus") || e.contains("desktop")) edition = "enterprise-plus";
    else if (e.contains("enterprise")) edition = "enterprise";
    else if (e.contains("essentialsplus")) edition = "essentials-plus";
    else if (e.contains("essentials")) edition = "essentials";
    else if (e.contains("standard") || e.contains("robo") || e.contains("remoteoffice")) edition = "standard";
    else if (e.startsWith("eval")) edition = "evaluation";
    else edition = null;
    return new KeyVerdict(edition, false, true);
  }

  /** Lower case, every run of non-alphanumerics one space, padded with spaces for whole-word tests. */
  private static String words(String text) {
    return " " + text.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").trim() + " ";
  }
}
