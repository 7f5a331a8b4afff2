package io.vmotion.inventory;

/** One step of a migration plan: move {@code vm} to {@code target}. */
public record Migration(String vm, String target) {}
