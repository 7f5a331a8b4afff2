package io.vmotion.rules;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.BeforeMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.MatchCreatedEvent;
import org.kie.api.runtime.KieSession;

/**
 * Bounds every rule evaluation in time. A session is watched from the moment it starts: each match
 * created or fired counts as progress, and a session that makes none for the timeout is stuck in
 * one rule, a looping consequence or condition. The watchdog names that rule (the consequence
 * firing, or the rule function or condition on the stuck thread's stack) and stops the thread, so
 * that the run ends with exit 2 and a located message instead of hanging.
 *
 * <p>Normal sessions make progress many times a second, so the bound only ever meets a rule that
 * does not end; it is not a performance limit.
 */
final class RuleWatchdog {

  private static final ScheduledExecutorService TICKS = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "vmotion-rule-watchdog");
    t.setDaemon(true);
    return t;
  });

  private static final Map<Thread, Watch> WATCHED = new ConcurrentHashMap<>();

  static {
    TICKS.scheduleWithFixedDelay(RuleWatchdog::tick, 50, 50, TimeUnit.MILLISECONDS);
  }

  private RuleWatchdog() {}

  /** One watched session: when it last made progress, and the consequence it is in, if any. */
  static final class Watch extends DefaultAgendaEventListener implements AutoCloseable {
    private final RuleBase rules;
    private final Thread thread = Thread.currentThread();
    private final long timeoutNanos;
    private volatile long lastProgress = System.nanoTime();
    private volatile String firing;
    private volatile String verdict;

    private Watch(RuleBase rules) {
      this.rules = rules;
      this.timeoutNanos = rules.ruleTimeout().toNanos();
    }

    @Override
    public void matchCreated(MatchCreatedEvent event) {
      lastProgress = System.nanoTime();
    }

    @Override
    public void beforeMatchFired(BeforeMatchFiredEvent event) {
      firing = String.valueOf(event.getMatch().getRule().getMetaData().getOrDefault("id", event.getMatch().getRule().getName()));
      lastProgress = System.nanoTime();
    }

    @Override
    public void afterMatchFired(AfterMatchFiredEvent event) {
      firing = null;
      lastProgress = System.nanoTime();
    }

    /** The id of the rule whose consequence is running, or null. */
    String firing() {
      return firing;
    }

    /** Why the watched thread was stopped, or null when it was not. */
    String verdict() {
      return verdict;
    }

    @Override
    public void close() {
      WATCHED.remove(thread);
    }
  }

  /** Starts watching {@code session} on the current thread; close the watch when the session is done. */
  static Watch watch(RuleBase rules, KieSession session) {
    Watch w = new Watch(rules);
    session.addEventListener(w);
    WATCHED.put(w.thread, w);
    return w;
  }

  private static void tick() {
    long now = System.nanoTime();
    for (Watch w : WATCHED.values()) {
      if (w.verdict != null || now - w.lastProgress < w.timeoutNanos) continue;
      w.verdict = blame(w) + " ran for more than " + seconds(w.rules.ruleTimeout())
          + " without ending (--rule-timeout); it loops, or waits for something that never comes. Fix the rule, or raise --rule-timeout";
      stop(w.thread);
    }
  }

  /** The rule the stuck thread is in, with its file:line where known. */
  private static String blame(Watch w) {
    String id = w.firing;
    if (id == null) id = RuleFrames.ruleOnStack(w.rules, w.thread.getStackTrace());
    if (id == null) return "a rule condition";
    RuleInfo info = w.rules.rule(id);
    return "rule " + id + (info == null ? "" : " (" + info.location() + ")");
  }

  @SuppressWarnings({"deprecation", "removal"})
  private static void stop(Thread t) {
    try {
      // The only way to end a loop that never checks for interruption; the session is discarded after.
      t.stop();
    } catch (UnsupportedOperationException e) {
      t.interrupt();
    }
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }
}
