package dev.ivr.launcher.reliability;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The figures of one reliability test class, printed as one {@code RELIABILITY} line when it ends;
 * RELIABILITY.md quotes these lines. Public for the cluster's fault tests ({@code launcher.cluster}).
 */
public final class Figures {
  private final String suite;
  final AtomicInteger faultsInjected = new AtomicInteger();
  final AtomicInteger callsRun = new AtomicInteger();
  final AtomicInteger callsCorrect = new AtomicInteger();
  final AtomicInteger recordingsDelivered = new AtomicInteger();
  final AtomicInteger recordingsStored = new AtomicInteger();
  final AtomicInteger recordingsNotDeliveredByGraph = new AtomicInteger();

  public Figures(String suite) {
    this.suite = suite;
  }

  /** A call was raised with this many injected faults. */
  public void callRaised(int faults) {
    faultsInjected.addAndGet(faults);
    callsRun.incrementAndGet();
  }

  /** A call ended as its test expects, with these recordings. */
  public void callCorrect(int delivered, int stored, int notDeliveredByGraph) {
    callsCorrect.incrementAndGet();
    recordingsDelivered.addAndGet(delivered);
    recordingsStored.addAndGet(stored);
    recordingsNotDeliveredByGraph.addAndGet(notDeliveredByGraph);
  }

  public String line() {
    return String.format("RELIABILITY %s: faults-injected=%d calls-run=%d calls-completed-correctly=%d "
            + "recordings-delivered-by-graph=%d recordings-stored=%d recordings-lost=%d "
            + "recordings-graph-never-delivered=%d",
        suite, faultsInjected.get(), callsRun.get(), callsCorrect.get(), recordingsDelivered.get(),
        recordingsStored.get(), recordingsDelivered.get() - recordingsStored.get(),
        recordingsNotDeliveredByGraph.get());
  }

  public void print() {
    System.out.println(line());
  }
}
