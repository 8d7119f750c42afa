package dev.ivr.worker;

import java.util.concurrent.CountDownLatch;

/** The worker process: {@code java -jar worker.jar}, configured by environment variables. */
public final class WorkerMain {
  private WorkerMain() {}

  public static void main(String[] args) throws InterruptedException {
    // the worker jar is also a library (the launcher embeds it), so its logging config is not logback.xml
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "ivr-worker-logback.xml");
    }
    CallWorker worker = CallWorker.start(WorkerSettings.fromEnvironment(System.getenv()));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      worker.close();
      stopped.countDown();
    }, "worker-shutdown"));
    stopped.await();
  }
}
