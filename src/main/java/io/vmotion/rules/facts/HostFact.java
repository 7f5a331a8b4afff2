package io.vmotion.rules.facts;

import io.vmotion.inventory.EsxiVersion;
import io.vmotion.inventory.Host;
import io.vmotion.inventory.VmotionNic;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A host as rules see it: the inventory's fields plus what is derived from them (effective CPU
 * features, capacity, version as a comparable number). JavaBean getters, so DRL can write
 * {@code target.cpuVendor}.
 */
public final class HostFact {

  private final Host host;
  private final Set<String> baseline;
  private final Set<String> effectiveFeatures;
  private final Set<String> biosLocked;
  private final long maxVmotionNicMbps;
  private final Set<String> datastores;
  private final Set<String> portGroups;
  private final Set<String> gpuProfiles;
  private final Set<String> hostGroups;
  private final long vmotionLinkMbps;
  private final VmotionLink vmotionLink;
  private final Set<Integer> vmotionMtus;
  private final Set<String> vmotionNetworks;

  /**
   * @param baseline the full feature set of the host's EVC mode, or null without one
   */
  public HostFact(Host host, Set<String> baseline) {
    this(host, baseline, Set.of());
  }

  /**
   * @param baseline the full feature set of the host's EVC mode, or null without one
   * @param hostGroups the DRS host groups of its cluster that hold the host
   */
  public HostFact(Host host, Set<String> baseline, Set<String> hostGroups) {
    this.host = host;
    this.baseline = baseline;
    Set<String> usable = new TreeSet<>(host.cpu().features());
    usable.removeAll(host.cpu().biosDisabled());
    Set<String> locked = new TreeSet<>(host.cpu().features());
    locked.retainAll(host.cpu().biosDisabled());
    if (baseline != null) {
      usable.retainAll(baseline);
      locked.retainAll(baseline);
    }
    this.effectiveFeatures = Collections.unmodifiableSortedSet((TreeSet<String>) usable);
    this.biosLocked = Collections.unmodifiableSet(locked);
    this.maxVmotionNicMbps = host.vmotionNics().stream().mapToLong(VmotionNic::speedMbps).max().orElse(0);
    this.datastores = Collections.unmodifiableSet(new TreeSet<>(host.datastores()));
    this.portGroups = Collections.unmodifiableSet(new TreeSet<>(host.portGroups()));
    this.gpuProfiles = Collections.unmodifiableSet(new TreeSet<>(host.gpuProfiles()));
    this.hostGroups = Collections.unmodifiableSet(new TreeSet<>(hostGroups));
    this.vmotionLinkMbps = host.vmotionNics().stream().filter(VmotionNic::linkUp).mapToLong(VmotionNic::speedMbps).max().orElse(0);
    this.vmotionLink = link(host.vmotionNics());
    TreeSet<Integer> mtus = new TreeSet<>();
    TreeSet<String> networks = new TreeSet<>();
    for (VmotionNic n : host.vmotionNics()) {
      mtus.add(n.mtu());
      if (n.portGroup() != null) networks.add(n.portGroup());
    }
    this.vmotionMtus = Collections.unmodifiableSet(mtus);
    this.vmotionNetworks = Collections.unmodifiableSet(networks);
  }

  /** The link state vCenter checks: some adapter up, and a full-duplex one of 1 Gbit/s or more among those up. */
  private static VmotionLink link(List<VmotionNic> nics) {
    if (nics.isEmpty()) return new VmotionLink("none", "no vMotion adapter");
    List<VmotionNic> up = nics.stream().filter(VmotionNic::linkUp).toList();
    if (up.isEmpty()) {
      return new VmotionLink("down", "the link of every vMotion adapter is down ("
          + String.join(", ", nics.stream().map(VmotionNic::name).sorted().toList()) + ")");
    }
    List<VmotionNic> fast = up.stream().filter(n -> n.speedMbps() >= 1000).toList();
    if (!fast.isEmpty() && fast.stream().noneMatch(n -> n.duplex().equals("full"))) {
      return new VmotionLink("half-duplex", "its only vMotion adapter" + (fast.size() == 1 ? "" : "s") + " of 1 Gbit/s or more "
          + (fast.size() == 1 ? "is" : "are") + " half duplex ("
          + String.join(", ", fast.stream().map(n -> n.name() + " " + n.speedMbps() + " Mbit/s").sorted().toList()) + ")");
    }
    return new VmotionLink("ok", "");
  }

  public Host host() {
    return host;
  }

  /** The same host under another name: a stand-in when moves share one evaluation. */
  public HostFact renamed(String name) {
    return new HostFact(host.withName(name), this);
  }

  /** Shares the derived sets of {@code same}, which only differs in name. */
  private HostFact(Host host, HostFact same) {
    this.host = host;
    this.baseline = same.baseline;
    this.effectiveFeatures = same.effectiveFeatures;
    this.biosLocked = same.biosLocked;
    this.maxVmotionNicMbps = same.maxVmotionNicMbps;
    this.datastores = same.datastores;
    this.portGroups = same.portGroups;
    this.gpuProfiles = same.gpuProfiles;
    this.hostGroups = same.hostGroups;
    this.vmotionLinkMbps = same.vmotionLinkMbps;
    this.vmotionLink = same.vmotionLink;
    this.vmotionMtus = same.vmotionMtus;
    this.vmotionNetworks = same.vmotionNetworks;
  }

  public String getName() { return host.name(); }
  public String getCluster() { return host.cluster(); }
  public String getVersion() { return host.version().toString(); }
  /** "7.0 U3": how VMware writes it, for messages. */
  public String getVersionDisplay() { return host.version().display(); }
  /** major*10000 + minor*100 + update, so that DRL can compare versions with {@code <}. */
  public int getVersionKey() { return versionKey(host.version()); }
  public String getLicense() { return host.license(); }
  public String getState() { return host.state().json(); }
  public boolean isMaintenanceMode() { return host.maintenanceMode(); }
  public String getCpuVendor() { return host.cpu().vendor(); }
  public int getCpuFamily() { return host.cpu().family(); }
  public int getCpuModel() { return host.cpu().model(); }
  public int getCores() { return host.cpu().cores(); }
  public int getThreads() { return host.cpu().threads(); }
  public int getMhz() { return host.cpu().mhz(); }
  public long getCpuCapacityMhz() { return (long) host.cpu().cores() * host.cpu().mhz(); }
  public Set<String> getFeatures() { return host.cpu().features(); }
  public Set<String> getBiosDisabled() { return host.cpu().biosDisabled(); }
  /** Features minus those the BIOS disables, cut down to the EVC baseline when there is one. */
  public Set<String> getEffectiveFeatures() { return effectiveFeatures; }
  /** Features the silicon (and the EVC baseline, if any) would offer but the BIOS turns off. */
  public Set<String> getBiosLocked() { return biosLocked; }
  public String getEvcMode() { return host.evcMode(); }
  /** The highest EVC mode the host's CPU supports, when the export says; null otherwise. */
  public String getMaxEvcMode() { return host.maxEvcMode(); }
  public long getMemoryMb() { return host.memoryMb(); }
  public List<VmotionNic> getVmotionNics() { return host.vmotionNics(); }
  public long getMaxVmotionNicMbps() { return maxVmotionNicMbps; }
  public Set<String> getDatastores() { return datastores; }
  public Set<String> getPortGroups() { return portGroups; }
  /** The vGPU profiles the host's GPUs can offer (HostConfigInfo.sharedPassthruGpuTypes). */
  public Set<String> getGpuProfiles() { return gpuProfiles; }
  /** The DRS host groups of its cluster that hold the host. */
  public Set<String> getHostGroups() { return hostGroups; }
  /** The speed of its fastest vMotion adapter whose link is up; 0 without one. */
  public long getVmotionLinkMbps() { return vmotionLinkMbps; }
  /** The link state of its vMotion adapters. */
  public VmotionLink getVmotionLink() { return vmotionLink; }
  /** The MTUs of its vMotion adapters. */
  public Set<Integer> getVmotionMtus() { return vmotionMtus; }
  /** The names of the networks (port groups) of its vMotion adapters, where the inventory says. */
  public Set<String> getVmotionNetworks() { return vmotionNetworks; }
  /** Fields the inventory marks unknown (filled with a default by an import). */
  public Set<String> getUnknown() { return host.unknown(); }

  public static int versionKey(EsxiVersion v) {
    return v.major() * 10000 + v.minor() * 100 + v.update();
  }

  @Override
  public String toString() {
    return "HostFact[" + host.name() + "]";
  }
}
