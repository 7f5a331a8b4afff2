package io.vmotion.rules;

import io.vmotion.rules.facts.HostFact;
import io.vmotion.rules.facts.Move;
import io.vmotion.rules.facts.VmFact;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * A property of a move as a rule's {@code @reads} names it: {@code vm.vcpus}, {@code source.license},
 * {@code target.threads}, or one of the move's own ({@code targetUnreservedCpuMhz}, {@code step}).
 * Resolved by getter name, so a getter added to a fact class is readable without a code change here.
 */
record MoveProperty(String path, Side side, boolean isName, Method owner, Method getter, MoveProperty within) {

  /** Which end of a move a property belongs to: it decides which key it joins. */
  enum Side { VM, TARGET, MOVE }

  /**
   * Resolves {@code path}, or {@code "target.X within vm.Y"}: the rule's promise that it only asks
   * which elements of the VM's set Y the target's set X contains, so that targets agreeing on
   * those elements share an evaluation even when their sets differ elsewhere (local datastores).
   */
  static MoveProperty resolve(String path) {
    String[] parts = path.trim().split("\\s+within\\s+");
    if (parts.length == 2) {
      MoveProperty target = resolve(parts[0]);
      MoveProperty vm = resolve(parts[1]);
      if (target.side != Side.TARGET || vm.side != Side.VM) {
        throw new IllegalArgumentException("\"" + path.trim() + "\": write target.X within vm.Y");
      }
      if (!java.util.Collection.class.isAssignableFrom(target.getter.getReturnType())
          || !java.util.Collection.class.isAssignableFrom(vm.getter.getReturnType())) {
        throw new IllegalArgumentException("\"" + path.trim() + "\": within needs two sets");
      }
      return new MoveProperty(path.trim(), Side.TARGET, false, target.owner, target.getter, vm);
    }
    String p = path.trim();
    int dot = p.indexOf('.');
    try {
      if (dot < 0) {
        Method m = getter(Move.class, p);
        Side side = p.startsWith("target") ? Side.TARGET : Side.MOVE;
        return new MoveProperty(p, side, false, null, m, null);
      }
      String role = p.substring(0, dot);
      String field = p.substring(dot + 1);
      return switch (role) {
        case "vm" -> new MoveProperty(p, Side.VM, field.equals("name") || field.equals("host"), Move.class.getMethod("getVm"), getter(VmFact.class, field), null);
        case "source" -> new MoveProperty(p, Side.VM, field.equals("name"), Move.class.getMethod("getSource"), getter(HostFact.class, field), null);
        case "target" -> new MoveProperty(p, Side.TARGET, field.equals("name"), Move.class.getMethod("getTarget"), getter(HostFact.class, field), null);
        default -> throw new IllegalArgumentException("\"" + p + "\" must start with vm., source. or target.");
      };
    } catch (NoSuchMethodException e) {
      throw new IllegalArgumentException("\"" + p + "\" is not a property of a move");
    }
  }

  private static Method getter(Class<?> type, String field) throws NoSuchMethodException {
    if (field.isEmpty()) throw new NoSuchMethodException(field);
    String cap = Character.toUpperCase(field.charAt(0)) + field.substring(1);
    try {
      return type.getMethod("get" + cap);
    } catch (NoSuchMethodException e) {
      return type.getMethod("is" + cap);
    }
  }

  /** The plain property paths this declaration covers (both sides of a "within"). */
  java.util.List<String> covers() {
    if (within == null) return java.util.List.of(path);
    return java.util.List.of(path.split("\\s+within\\s+")[0], within.path);
  }

  Object value(Move move) {
    try {
      Object on = owner == null ? move : owner.invoke(move);
      return getter.invoke(on);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + path + ": " + e.getMessage(), e);
    }
  }
}
