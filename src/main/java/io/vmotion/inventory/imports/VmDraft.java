package io.vmotion.inventory.imports;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** What an import learned about one VM; null fields are filled with defaults by {@link ImportedInventory}. */
public final class VmDraft {
  /** Inventory fields filled with a default because the source did not say (written as "unknown"). */
  public final java.util.Set<String> unknown = new java.util.TreeSet<>();
  public final String name;
  public String host;
  /** The VM's cluster as its source names it: the cluster of its host when that host must be added. */
  public String cluster;
  /** poweredOn, poweredOff or suspended. */
  public String powerState;
  public Integer hardwareVersion;
  public String guestOs;
  public Integer vcpus;
  public Long memoryMb;
  public long cpuReservationMhz;
  public long memoryReservationMb;
  public final Set<String> datastores = new TreeSet<>();
  public final List<Nic> nics = new ArrayList<>();
  /** null: the VM uses what its host offers (inventory v1 leaves cpuFeatures out). */
  public Set<String> cpuFeatures;
  /** The vendor of the VM's CPU requirement, when the source says (or its EVC mode implies) it. */
  public String cpuVendor;
  /** The VM's minimum required EVC mode (RVTools "min Required EVC Mode Key", vSphere Runtime.MinRequiredEVCModeKey). */
  public String minRequiredEvcMode;
  /** Memory the guest touched recently, MiB (RVTools vInfo "Active Memory" or vMemory "Active"); null when the export does not say. */
  public Long activeMemoryMb;

  /** Devices of note to vMotion (inventory v1 "devices"). */
  public final List<Device> devices = new ArrayList<>();
  /** SCSI controllers by name, with their bus sharing (none, virtual, physical). */
  public final java.util.Map<String, String> scsiControllers = new java.util.TreeMap<>();
  /** Logical CPUs and NUMA nodes the VM is pinned to; null: none set. */
  public List<Integer> cpuAffinity;
  public List<Integer> memoryAffinity;
  /** primary or secondary of a Fault Tolerance pair, and the host of the other VM (null when unknown); null: not in a pair. */
  public String ftRole;
  public String ftPartnerHost;

  public VmDraft(String name) {
    this.name = name;
  }

  /** A virtual NIC; mac may be null. */
  public record Nic(String portGroup, String mac) {}

  /** A device as inventory v1 writes it; backing, datastore, profile and vgpuMemoryMb may be null. */
  public record Device(String type, String name, String profile, String backing, boolean connected, String datastore, Long vgpuMemoryMb) {}
}
