package io.vmotion.rules;

/** Which hosts a VM is checked against when there is no plan. */
public enum Scope {
  /** Every other host of the VM's cluster; hosts without a cluster form one group. */
  CLUSTER,
  /** Every other host of the inventory. */
  ALL
}
