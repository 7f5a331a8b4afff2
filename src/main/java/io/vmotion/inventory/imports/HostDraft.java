package io.vmotion.inventory.imports;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What an import learned about one host, every field nullable: unknown stays null until
 * {@link ImportedInventory} fills the gap with a documented default and says so.
 */
public final class HostDraft {
  public final String name;
  public String cluster;
  /** major.minor.update, as inventory v1 writes it. */
  public String version;
  public String license;
  /** connected, disconnected or notResponding. */
  public String state;
  public Boolean maintenanceMode;
  public String vendor;
  public Integer family;
  public Integer model;
  public Integer cores;
  public Integer threads;
  public Integer mhz;
  /** Linux flag names; null when nothing says what the CPU has. */
  public Set<String> features;
  /** Where {@link #features} came from, for the warnings ("max EVC mode intel-skylake", "CPUID"). */
  public String featuresSource;
  public String evcMode;
  /** The highest EVC mode the host's CPU supports (RVTools "Max EVC", vSphere summary.maxEVCModeKey). */
  public String maxEvcMode;
  public Long memoryMb;
  /** null when the source says nothing about VMkernel adapters; empty when it says there are none. */
  public List<NicDraft> vmotionNics;
  public final Set<String> datastores = new TreeSet<>();
  /** Inventory fields filled with a default because the source did not say (written as "unknown"). */
  public final Set<String> unknown = new TreeSet<>();
  public final Set<String> portGroups = new TreeSet<>();
  /** False when the host was not in the source and was added because a VM runs on it. */
  public boolean listed = true;

  public HostDraft(String name) {
    this.name = name;
  }

  /** The vGPU profiles the host's GPUs offer. */
  public final Set<String> gpuProfiles = new TreeSet<>();

  /** A VMkernel adapter with the vMotion service: duplex (full or half), link state and network name where the source says. */
  public record NicDraft(String name, long speedMbps, Integer mtu, String duplex, Boolean linkUp, String portGroup) {
    public NicDraft(String name, long speedMbps, Integer mtu) {
      this(name, speedMbps, mtu, null, null, null);
    }
  }

  public List<NicDraft> vmotionNics() {
    if (vmotionNics == null) vmotionNics = new ArrayList<>();
    return vmotionNics;
  }
}
