package io.vmotion.inventory.vsphere;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The licenses a dump carries and which host has which: LicenseManager objects (their
 * {@code Licenses}, LicenseManagerLicenseInfo), and license assignments
 * (LicenseAssignmentManagerLicenseAssignment: {@code EntityId}, {@code EntityDisplayName},
 * {@code AssignedLicense}) as {@code govc license.assigned.ls -json} prints them, or held by a
 * LicenseAssignmentManager object (as vcsim keeps its QueryAssignedLicenses result, in
 * {@code Returnval}).
 */
final class Licensing {

  static final String FIX_ASSIGNMENTS =
      "add the output of 'govc license.assigned.ls -json' (which host has which license) to the dump, or set the license in the inventory by hand";

  static final Gap NO_OBJECTS = new Gap("the dump has no LicenseManager or LicenseAssignmentManager object, so no host's license is known", FIX_ASSIGNMENTS);
  static final Gap NOT_ASSIGNED = new Gap("the dump's license assignments (LicenseAssignmentManager) do not include the host", FIX_ASSIGNMENTS);
  static final Gap NO_HOST_EDITION = new Gap("the dump's LicenseManager lists no vSphere host license and no assignment names one", FIX_ASSIGNMENTS);

  /** One LicenseManagerLicenseInfo. {@code used} is -1 when the dump does not say. */
  record License(String editionKey, String name, String productName, long used) {

    static License of(JsonNode info) {
      String product = null;
      for (JsonNode p : info.path("Properties")) {
        if ("ProductName".equals(p.path("Key").asText()) && p.path("Value").isTextual()) product = p.path("Value").asText();
      }
      JsonNode used = info.path("Used");
      return new License(VsphereImporter.text(info.path("EditionKey")), VsphereImporter.text(info.path("Name")), product,
          used.canConvertToLong() ? used.asLong() : -1);
    }

    String edition(boolean assignedToHost) {
      return LicenseEditions.edition(editionKey, name, productName, assignedToHost);
    }

    String label() {
      String n = name != null ? name : "(no name)";
      return editionKey != null ? "\"" + n + "\" (" + editionKey + ")" : "\"" + n + "\"";
    }
  }

  record Assignment(String entityId, String displayName, License license) {}

  /** A host's license: its edition, or the gap that leaves it unknown; {@code warning} names a guess. */
  record Resolution(String edition, Gap gap, String warning) {}

  private final List<License> licenses = new ArrayList<>();
  private final List<Assignment> assignments = new ArrayList<>();
  private boolean seen;

  /** A LicenseManager object. */
  void manager(JsonNode obj) {
    seen = true;
    for (JsonNode info : obj.path("Licenses")) {
      if (info.isObject()) licenses.add(License.of(info));
    }
  }

  /** A LicenseAssignmentManager object: assignments in any of its arrays (vcsim: Returnval). */
  void assignmentManager(JsonNode obj) {
    seen = true;
    obj.fields().forEachRemaining(e -> {
      if (e.getValue().isArray()) e.getValue().forEach(a -> { if (isAssignment(a)) assignment(a); });
    });
  }

  /** One LicenseAssignmentManagerLicenseAssignment. */
  void assignment(JsonNode a) {
    seen = true;
    assignments.add(new Assignment(VsphereImporter.text(a.path("EntityId")), VsphereImporter.text(a.path("EntityDisplayName")),
        License.of(a.path("AssignedLicense"))));
  }

  /** One LicenseManagerLicenseInfo on its own, as {@code govc license.ls -json} prints them. */
  void license(JsonNode info) {
    seen = true;
    licenses.add(License.of(info));
  }

  static boolean isAssignment(JsonNode obj) {
    return obj.isObject() && obj.has("EntityId") && obj.path("AssignedLicense").isObject();
  }

  static boolean isLicenseInfo(JsonNode obj) {
    return obj.isObject() && obj.has("LicenseKey") && obj.has("EditionKey");
  }

  /**
   * The license of the host whose reference value is {@code id} (its MoRef, "host-21") and whose
   * name is {@code name}: its assignment's edition; without one, the only vSphere edition in use
   * in LicenseManager (with a warning, as for RVTools' vLicense); else unknown with the gap.
   */
  Resolution resolve(String id, String name) {
    if (!seen) return new Resolution(null, NO_OBJECTS, null);
    List<Assignment> mine = new ArrayList<>();
    for (Assignment a : assignments) {
      if (id != null && id.equals(a.entityId())) mine.add(a);
    }
    if (mine.isEmpty()) {
      for (Assignment a : assignments) {
        if (name != null && name.equals(a.displayName())) mine.add(a);
      }
    }
    if (!mine.isEmpty()) {
      for (Assignment a : mine) {
        String e = a.license().edition(true);
        if (e != null) return new Resolution(e, null, null);
      }
      License l = mine.get(0).license();
      return new Resolution(null, new Gap("the license assigned to the host, " + l.label() + ", is not a vSphere host edition vmotion knows",
          "set the host's license in the inventory by hand (one of " + String.join(", ", io.vmotion.inventory.InventoryReader.LICENSES) + ")"), null);
    }
    // No assignment for this host: the only host edition in use, if there is one.
    Set<String> inUse = new LinkedHashSet<>();
    Set<String> listed = new LinkedHashSet<>();
    for (License l : licenses) {
      String e = l.edition(false);
      if (e == null) continue;
      listed.add(e);
      if (l.used() > 0) inUse.add(e);
    }
    Set<String> candidates = !inUse.isEmpty() ? inUse : listed;
    if (candidates.size() == 1) {
      String e = candidates.iterator().next();
      String source = assignments.isEmpty() ? "no license assignments in the dump" : "no license assignment for the host in the dump";
      return new Resolution(e, null, source + "; the only vSphere edition " + (inUse.isEmpty() ? "" : "in use ") + "in LicenseManager (" + e + ") is used");
    }
    if (candidates.size() > 1) {
      return new Resolution(null, new Gap("the dump's LicenseManager lists several vSphere editions (" + String.join(", ", candidates)
          + ") and no license assignment says which host has which", FIX_ASSIGNMENTS), null);
    }
    return new Resolution(null, assignments.isEmpty() ? NO_HOST_EDITION : NOT_ASSIGNED, null);
  }
}
