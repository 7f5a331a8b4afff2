package io.vmotion.estimation;

import java.util.Locale;

/** An estimate as a person reads it: the inputs, a table of rounds, then total, downtime and verdict. */
public final class EstimateText {

  private EstimateText() {}

  public static String of(Estimate e) {
    EstimateInput in = e.input();
    StringBuilder sb = new StringBuilder();
    sb.append(f("%s MiB over %s Mbit/s: %s MiB/s for this move (efficiency %s%s)\n", n(in.memoryMb()), n(in.linkMbps()),
        n(e.effectiveMiBps()), n(in.efficiency()),
        in.concurrent() == 1 ? "" : ", link shared by " + in.concurrent() + " moves"));
    sb.append(f("dirty rate %s MiB/s, hot set %s MiB, switchover target %s ms%s\n", n(in.dirtyMbps()), n(in.hotSetMb()),
        n(in.switchoverMs()), in.deviceStateMb() > 0 ? ", device state " + n(in.deviceStateMb()) + " MiB" : ""));
    for (String a : in.assumptions()) sb.append("assumed: ").append(a).append('\n');
    sb.append('\n');
    sb.append(f("  %5s  %14s  %10s\n", "round", "MiB", "seconds"));
    for (Round r : e.rounds()) {
      boolean stun = r.round() == e.precopyRounds();
      sb.append(f("  %5d  %14s  %10s%s\n", r.round(), n1(r.megabytes()), n3(r.seconds()), stun ? "  sent with the VM stunned" : ""));
    }
    sb.append('\n');
    sb.append(f("total      %s s (%s s of rounds + %s s fixed overhead)\n", n3(e.totalSeconds()), n3(e.roundSeconds()),
        n3(in.overheadSeconds())));
    sb.append(f("downtime   %s ms (last round %s ms%s)\n", n1(e.downtimeMs()), n1(e.stunRound().seconds() * 1000),
        in.deviceStateMb() > 0 ? " + device state " + n1(e.deviceStateSeconds() * 1000) + " ms" : ""));
    sb.append("converges  ").append(converges(e)).append('\n');
    sb.append("verdict    ").append(e.verdict().json()).append(" (").append(meaning(e.verdict())).append(")\n");
    return sb.toString();
  }

  static String converges(Estimate e) {
    return switch (e.stopReason()) {
      case SWITCHOVER_TARGET -> "yes: round " + e.precopyRounds() + " fits the " + n(e.input().switchoverMs()) + " ms switchover target";
      case NO_PROGRESS -> "no: round " + e.precopyRounds() + " is no shorter than the one before (the guest dirties memory about as fast as it is sent)";
      case ROUND_CAP -> "no: " + e.input().maxPrecopyRounds() + " pre-copy rounds did not reach the " + n(e.input().switchoverMs())
          + " ms switchover target";
    };
  }

  static String meaning(Verdict v) {
    return switch (v) {
      case OK -> "pre-copy converges on its own";
      case NEEDS_SDPS -> "needs SDPS: vMotion slows the guest to finish";
      case FAILS -> "the stun would exceed ESXi's " + n(PreCopyDefaults.MAX_STUN_SECONDS) + " s maximum switchover time even with SDPS: vMotion would abort";
    };
  }

  static String n(double v) {
    return EstimateJson.number(v).toPlainString();
  }

  static String n1(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  static String n3(double v) {
    return String.format(Locale.ROOT, "%.3f", v);
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
