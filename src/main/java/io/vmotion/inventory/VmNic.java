package io.vmotion.inventory;

/** A VM's virtual network adapter and the port group it connects to. */
public record VmNic(String portGroup, String mac) {}
