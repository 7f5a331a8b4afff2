package io.vmotion.rules;

import java.util.List;

/** A VM that was checked, where it runs, the targets it was checked against and those with no error. */
public record CheckedVm(String name, String host, List<String> targets, List<String> compatibleTargets) {}
