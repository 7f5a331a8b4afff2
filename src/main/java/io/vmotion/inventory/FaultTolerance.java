package io.vmotion.inventory;

import java.util.List;

/**
 * A VM's place in a vSphere Fault Tolerance pair: its {@code role} and the host that runs the
 * other copy ({@code partnerHost}; null only where the inventory marks "ft" unknown).
 */
public record FaultTolerance(String role, String partnerHost) {

  public static final List<String> ROLES = List.of("primary", "secondary");
}
