package io.vmotion.rules;

/**
 * One unknown fact a rule needs for a move: {@code role} is vm, source or target, {@code field} a
 * name of the inventory's "unknown" lists (for a host: version, license, cpu.features, ...). A
 * VM's requirement read off its host is named on the host: the source's cpu.features.
 */
public record UnknownFact(String role, String field) implements Comparable<UnknownFact> {

  /** How a report names the fact, e.g. "ESXi version", "CPU features". */
  public String label() {
    return switch (field) {
      case "version" -> "ESXi version";
      case "license" -> "license";
      case "cpu.vendor" -> "CPU vendor";
      case "cpu.model" -> "CPU family/model";
      case "cpu.cores" -> "CPU cores";
      case "cpu.threads" -> "logical processors";
      case "cpu.mhz" -> "CPU clock";
      case "cpu.features" -> "CPU features";
      case "evcMode" -> "EVC mode";
      case "memoryMb" -> role.equals("vm") ? "memory size" : "memory";
      case "vmotionNics" -> "vMotion adapters";
      case "datastores" -> "datastores";
      case "portGroups" -> "port groups";
      case "powerState" -> "power state";
      case "hardwareVersion" -> "hardware version";
      case "guestOs" -> "guest OS";
      case "vcpus" -> "vCPU count";
      case "reservation" -> "reservations";
      case "vmReservations" -> "reservations of its VMs";
      case "nics" -> "networks";
      case "gpuProfiles" -> "vGPU profiles";
      case "hostGroups" -> "DRS host groups";
      case "devices" -> "devices";
      case "scsiControllers" -> "SCSI controllers";
      case "cpuAffinity" -> "CPU affinity";
      case "memoryAffinity" -> "memory affinity";
      case "ft" -> "Fault Tolerance partner";
      case "clusterRules" -> "DRS rules";
      case "vgpuHotMigrate" -> "vCenter setting vgpu.hotmigrate.enabled";
      default -> field.startsWith("devices.") ? field.substring("devices.".length()) + " devices" : field;
    };
  }

  /** How a VM's one-line summary groups the fact: a host's cores, threads and clock are its CPU size. */
  public String topic() {
    return switch (field) {
      case "cpu.cores", "cpu.threads", "cpu.mhz" -> "CPU size";
      default -> field.startsWith("devices.") ? "devices" : label();
    };
  }

  @Override
  public int compareTo(UnknownFact o) {
    int c = role.compareTo(o.role);
    return c != 0 ? c : field.compareTo(o.field);
  }
}
