package io.vmotion.rules.facts;

import io.vmotion.inventory.Vm;
import io.vmotion.inventory.VmNic;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

/** A VM as rules see it, with the CPU features it was powered on with already resolved. */
public final class VmFact {

  private final Vm vm;
  private final Set<String> cpuFeatures;
  private final Set<String> datastores;
  private final Set<String> portGroups;

  public VmFact(Vm vm, Set<String> cpuFeatures) {
    this.vm = vm;
    this.cpuFeatures = Collections.unmodifiableSet(new TreeSet<>(cpuFeatures));
    this.datastores = Collections.unmodifiableSet(new TreeSet<>(vm.datastores()));
    Set<String> pgs = new TreeSet<>();
    for (VmNic n : vm.nics()) pgs.add(n.portGroup());
    this.portGroups = Collections.unmodifiableSet(pgs);
  }

  public Vm vm() {
    return vm;
  }

  /** The same VM under another name and host name: a stand-in when moves share one evaluation. */
  public VmFact renamed(String name, String host) {
    return new VmFact(vm.withNames(name, host), this);
  }

  /** Shares the derived sets of {@code same}, which only differs in names. */
  private VmFact(Vm vm, VmFact same) {
    this.vm = vm;
    this.cpuFeatures = same.cpuFeatures;
    this.datastores = same.datastores;
    this.portGroups = same.portGroups;
  }

  public String getName() { return vm.name(); }
  public String getHost() { return vm.host(); }
  public String getPowerState() { return vm.powerState().json(); }
  public boolean isPoweredOn() { return vm.poweredOn(); }
  public int getHardwareVersion() { return vm.hardwareVersion(); }
  public String getGuestOs() { return vm.guestOs(); }
  public int getVcpus() { return vm.vcpus(); }
  public long getMemoryMb() { return vm.memoryMb(); }
  public long getCpuReservationMhz() { return vm.reservation().cpuMhz(); }
  public long getMemoryReservationMb() { return vm.reservation().memoryMb(); }
  /** The VM's cpuFeatures, or else its current host's effective features. */
  public Set<String> getCpuFeatures() { return cpuFeatures; }
  public Set<String> getDatastores() { return datastores; }
  public Set<String> getPortGroups() { return portGroups; }

  @Override
  public String toString() {
    return "VmFact[" + vm.name() + "]";
  }
}
